import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installModelMenu } from './models/menu';
import { App } from './shell/App';
import './styles/theme.css';
import './styles/app.css';
import './styles/ui.css';

installModelMenu();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
