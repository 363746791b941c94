import { Link } from 'react-router-dom';
import { usePageTitle } from '../hooks/usePageTitle.ts';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <section className="page" aria-labelledby="not-found-heading">
      <h2 id="not-found-heading">Page not found</h2>
      <p>
        There is nothing here. Go to the <Link to="/clients">clients</Link>.
      </p>
    </section>
  );
}
