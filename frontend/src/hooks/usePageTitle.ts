import { useEffect } from 'react';

/** Sets the document title to "<page> · Zoom Factor" while the page is shown. */
export function usePageTitle(page: string): void {
  useEffect(() => {
    const previous = document.title;
    document.title = `${page} · Zoom Factor`;
    return () => {
      document.title = previous;
    };
  }, [page]);
}
