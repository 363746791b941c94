import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A page whose script is fetched on first use (`React.lazy`), and that can be fetched ahead of it. */
export type LazyPage = LazyExoticComponent<ComponentType> & {
  /** Fetches the page's script now; once it has arrived, the page renders at once instead of suspending. */
  preload: () => Promise<void>;
};

/**
 * `React.lazy` with a `preload`. React asks a lazy component's loader for a thenable and renders the page without
 * suspending when that thenable has already resolved by the time `then` returns: a page preloaded is handed over that
 * way, synchronously.
 */
export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loaded: { default: ComponentType } | undefined;
  let loading: Promise<void> | undefined;
  const preload = () =>
    (loading ??= load().then((page) => {
      loaded = { default: page };
    }));
  const Page = lazy(() => {
    if (loaded !== undefined) {
      const ready = loaded;
      // a thenable that has its value already (a promise's `then` would wait for a microtask, and React suspend)
      return { then: (resolve: (module: { default: ComponentType }) => void) => { resolve(ready); } } as unknown as Promise<{ default: ComponentType }>;
    }
    return preload().then(() => loaded as { default: ComponentType });
  });
  return Object.assign(Page, { preload });
}
