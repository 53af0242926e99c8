import { useRoute } from '../router/index';
import { ReadinessDetail } from './ReadinessDetail';
import { ReadinessList } from './ReadinessList';
import './readiness.css';

/** The home: `#/readiness` lists every model version's checklist, `#/readiness/NAME@VERSION` shows one. */
export function ReadinessScreen() {
  const route = useRoute();
  const ref = route.segments[1];
  return ref ? <ReadinessDetail key={ref} modelRef={ref} /> : <ReadinessList />;
}
