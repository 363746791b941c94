import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { UserNotification } from '../api/types.ts';
import { useApi } from '../auth/SessionContext.ts';
import { useAction } from '../hooks/useAction.ts';
import { formatDateTime } from '../pages/format.ts';
import { queryKeys } from '../query/keys.ts';
import { useApiQuery } from '../query/useApiQuery.ts';
import { ErrorAlert, LoadError, Loading } from './Feedback.tsx';

/**
 * The signed-in person's notifications: read on sign-in and again on each open; a live `notification`
 * for them (on a client the tab follows) joins the list through the live bridge. The list stays on
 * screen while it is read again, and with the error when that failed.
 */
export function useNotifications() {
  const { data, error, refetch } = useApiQuery(queryKeys.notifications(), (request, signal) =>
    api.listNotifications(request, false, signal),
  );
  const queryClient = useQueryClient();

  const refresh = useCallback(() => {
    void refetch();
  }, [refetch]);

  /** Marks some (all when `ids` is absent) as read in the list shown. */
  const markRead = useCallback(
    (ids?: readonly number[]) => {
      const at = new Date().toISOString();
      queryClient.setQueryData<UserNotification[]>(queryKeys.notifications(), (list) =>
        list?.map((n) => (n.readAt === null && (ids === undefined || ids.includes(n.id)) ? { ...n, readAt: at } : n)),
      );
    },
    [queryClient],
  );

  return { list: data ?? null, error: error === null ? null : errorMessage(error), refresh, markRead };
}

/** The header's "Notifications (n)" button (n unread) and the list it opens, with "Mark all read" and "Mark read". */
export function NotificationsMenu() {
  const ids = useId();
  const request = useApi();
  const { list, error, refresh, markRead } = useNotifications();
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
