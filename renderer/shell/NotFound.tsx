import { href } from '../router/index';
import { EmptyState, Page } from '../ui/index';

export function NotFound() {
  return (
    <Page title="Not found">
      <EmptyState title="There is no such screen">
        <p>
          The address does not match any section. Go to <a href={href('models')}>Models</a>.
        </p>
      </EmptyState>
    </Page>
  );
}
