// placeholder: written by the Electron shell work
