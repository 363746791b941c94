import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export type Tab<K extends string> = { key: K; label: string };

type Props<K extends string> = {
  /** What the tab list is about, for screen readers ("Client sections"). */
  label: string;
  tabs: readonly Tab<K>[];
  selected: K;
  onSelect: (key: K) => void;
  /** The selected tab's content; only it is drawn. */
  children: ReactNode;
};

/**
 * Tabs after the WAI-ARIA pattern: a tablist whose tabs move focus with the arrow keys, Home and End
 * (automatic activation: the focused tab is selected), one tab in the page's tab order, and the panel
 * labelled by its tab. Where the selection lives (state, the URL) is the caller's choice.
 */
export function Tabs<K extends string>({ label, tabs, selected, onSelect, children }: Props<K>) {
  const ids = useId();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const tabId = (key: string) => `${ids}-tab-${key}`;
  const panelId = `${ids}-panel`;

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const at = tabs.findIndex((tab) => tab.key === selected);
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight' ? (at >= last ? 0 : at + 1)
      : event.key === 'ArrowLeft' ? (at <= 0 ? last : at - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : null;
    const tab = next === null ? undefined : tabs[next];
    if (tab === undefined) {
      return;
    }
    event.preventDefault();
    onSelect(tab.key);
    buttons.current.get(tab.key)?.focus();
  };

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tab-list">
        {tabs.map((tab) => {
          const active = tab.key === selected;
          return (
            <button
              key={tab.key}
              id={tabId(tab.key)}
              ref={(button) => {
                if (button === null) {
                  buttons.current.delete(tab.key);
                } else {
                  buttons.current.set(tab.key, button);
                }
              }}
              type="button"
              role="tab"
              className="tab"
              aria-selected={active}
              aria-controls={active ? panelId : undefined}
              tabIndex={active ? 0 : -1}
              onClick={() => {
                onSelect(tab.key);
              }}
              onKeyDown={onKeyDown}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId} className="tab-panel" aria-labelledby={tabId(selected)} tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
