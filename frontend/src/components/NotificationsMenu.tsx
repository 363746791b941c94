import { useCallback, useEffect, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage, isAbort } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { UserNotification } from '../api/types.ts';
import { useApi } from '../auth/SessionContext.ts';
import { useAction } from '../hooks/useAction.ts';
import { useLiveEvents } from '../live/LiveContext.ts';
import { notificationData } from '../live/types.ts';
import { formatDateTime } from '../pages/format.ts';
import { ErrorAlert, LoadError, Loading } from './Feedback.tsx';

type Loaded = { list: UserNotification[] | null; error: string | null };

/**
 * The signed-in person's notifications: loaded on sign-in, again on each open and whenever a live
 * `notification` for them arrives on a client the tab follows; the list is kept on screen meanwhile.
 */
export function useNotifications(userId: string) {
  const request = useApi();
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded>({ list: null, error: null });

  useEffect(() => {
    const controller = new AbortController();
    api.listNotifications(request, false, controller.signal).then(
      (list) => {
        if (!controller.signal.aborted) {
          setLoaded({ list, error: null });
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) {
          setLoaded((current) => ({ ...current, error: errorMessage(error) }));
        }
      },
    );
    return () => {
      controller.abort();
    };
  }, [request, version]);

  const refresh = useCallback(() => {
    setVersion((v) => v + 1);
  }, []);

  useLiveEvents((event) => {
    if (event.kind === 'notification' && notificationData(event.data)?.personId === userId) {
      refresh();
    }
  });

  /** Marks some (all when `ids` is absent) as read in the list shown. */
  const markRead = useCallback((ids?: readonly number[]) => {
    const at = new Date().toISOString();
    setLoaded((current) => ({
      ...current,
      list: current.list?.map((n) => (n.readAt === null && (ids === undefined || ids.includes(n.id)) ? { ...n, readAt: at } : n)) ?? null,
    }));
  }, []);

  return { ...loaded, refresh, markRead };
}

/** The header's "Notifications (n)" button (n unread) and the list it opens, with "Mark all read" and "Mark read". */
export function NotificationsMenu({ userId }: { userId: string }) {
  const ids = useId();
  const request = useApi();
  const { list, error, refresh, markRead } = useNotifications(userId);
  const [open, setOpen] = useState(false);
  const all = useAction();
  const one = useAction();
  const unread = list?.filter((n) => n.readAt === null).length ?? null;

  return (
    <div className="notifications">
      <button
        type="button"
        className="button-secondary"
        aria-expanded={open}
        aria-controls={`${ids}-panel`}
        data-testid="notifications-button"
        onClick={() => {
          if (!open) {
            refresh();
          }
          setOpen(!open);
        }}
      >
        {unread === null ? 'Notifications' : `Notifications (${String(unread)})`}
      </button>
      <div id={`${ids}-panel`} className="notifications-panel" hidden={!open}>
        {open && (
          <section aria-label="Notifications">
            {list === null && error === null && <Loading label="Loading notifications…" />}
            {error !== null && <LoadError message={error} what="Notifications" onRetry={refresh} />}
            {list !== null && list.length === 0 && <p className="empty">No notifications.</p>}
            {list !== null && list.length > 0 && (
              <>
                {unread !== null && unread > 0 && (
                  <div className="form-actions">
                    <button
                      type="button"
                      className="button-secondary"
                      disabled={all.pending}
                      onClick={() =>
                        void all.run(() => api.markAllNotificationsRead(request)).then((ok) => {
                          if (ok) {
                            markRead();
                          }
                        })
                      }
                    >
                      Mark all read
                    </button>
                  </div>
                )}
                <ErrorAlert message={all.error ?? one.error} />
                <ul className="notification-list">
                  {list.map((n) => (
                    <li key={n.id} className={n.readAt === null ? 'notification unread' : 'notification'} data-testid={`notification-${n.id}`}>
                      <p>
                        {n.readAt === null && <span className="visually-hidden">Unread: </span>}
                        {n.summary}
                      </p>
                      <p className="muted">
                        <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time> ·{' '}
                        <Link
                          to={`/clients/${encodeURIComponent(n.clientId)}${n.kind === 'alert' && typeof n.alertId === 'string' ? `#alert-${n.alertId}` : ''}`}
                          onClick={() => {
                            setOpen(false);
                          }}
                        >
                          {n.kind === 'alert' ? 'See the alert on the client' : n.kind === 'goal' ? "See the client's goals" : 'Open the client'}
                        </Link>
                      </p>
                      {n.readAt === null && (
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={`Mark read: ${n.summary}`}
                          disabled={one.pending}
                          onClick={() =>
                            void one.run(() => api.markNotificationRead(request, n.id)).then((ok) => {
                              if (ok) {
                                markRead([n.id]);
                              }
                            })
                          }
                        >
                          Mark read
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
      </div>
    </div>
  );
}
