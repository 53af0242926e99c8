import { useCallback, useEffect, useRef } from 'react';
import { navigate, useRoute } from '../router/index';
import { DropTarget } from '../ui/index';
import { modelRef } from './format';
import { ModelDetail } from './ModelDetail';
import { ModelList } from './ModelList';
import { useMenuOpenedModels } from './menu';
import { useAddModel, type AddedModel } from './useAddModel';
import './models.css';

/** `#/models` lists the registry, `#/models/NAME[@VERSION]` shows one version. Files can be dropped on either. */
export function ModelsScreen() {
  const route = useRoute();
  const ref = route.segments[1];
  const onAdded = useCallback((added: AddedModel) => navigate('models', modelRef(added.name, added.version)), []);
  const adder = useAddModel(onAdded);
  const { forget } = adder;
  useEffect(() => forget(ref), [ref, forget]);
  const addPathsRef = useRef(adder.addPaths);
  addPathsRef.current = adder.addPaths;
  useMenuOpenedModels(useCallback((paths: string[]) => void addPathsRef.current(paths), []));
  return (
    <DropTarget
      onFiles={(files) => void adder.add(files)}
      disabled={adder.job.state.running}
      title="Drop to add the model"
      hint="an .onnx file with its external data files, or the folder that holds them"
      folders
    >
      {ref ? <ModelDetail key={ref} modelRef={ref} adder={adder} /> : <ModelList adder={adder} />}
    </DropTarget>
  );
}
