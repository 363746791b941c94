import { useId, useState, type SubmitEvent } from 'react';
import { api } from '../api/endpoints.ts';
import type { NotificationDelivery, NotificationPreferences, NotificationTopic } from '../api/types.ts';
import { useApi } from '../auth/SessionContext.ts';
import { FormFooter, SelectField, type SelectOption } from '../components/FormFields.tsx';
import { LoadError, Loading } from '../components/Feedback.tsx';
import { useAction } from '../hooks/useAction.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { queryKeys } from '../query/keys.ts';
import { useQueryResource } from '../query/useQueryResource.ts';

/** The topics, in the order the page shows them, with how the page names them. */
const TOPICS: readonly { topic: NotificationTopic; label: string }[] = [
  { topic: 'mention', label: 'When someone mentions me' },
  { topic: 'alert', label: 'When an alert fires' },
  { topic: 'goal', label: 'When a goal is reached' },
];

const DELIVERIES: readonly SelectOption<NotificationDelivery>[] = [
  { value: 'email', label: 'E-mail me at once' },
  { value: 'digest', label: 'In my daily digest e-mail' },
  { value: 'in_app', label: 'Only in the app' },
];

/**
 * Where a person chooses how they hear of mentions and alerts (the page every notification e-mail links to). The
 * choices are the person's in this agency; the app shows every notification whatever they choose.
 */
export function NotificationSettingsPage() {
  usePageTitle('Notification settings');
  const headingId = useId();
  const { state, reload, update } = useQueryResource(queryKeys.me('notification-preferences'), api.notificationPreferences);
  return (
    <section className="page" aria-labelledby={headingId}>
      <h2 id={headingId}>Notification settings</h2>
      {state.kind === 'loading' && <Loading label="Loading your settings…" />}
      {state.kind === 'error' && <LoadError message={state.message} onRetry={reload} />}
      {state.kind === 'loaded' && (
        <PreferencesForm
          preferences={state.data}
          onSaved={(saved) => {
            update(() => saved);
          }}
        />
      )}
    </section>
  );
}

function PreferencesForm({ preferences, onSaved }: {
  preferences: NotificationPreferences;
  onSaved: (saved: NotificationPreferences) => void;
}) {
  const request = useApi();
  const save = useAction();
  const ids = useId();
  const [topics, setTopics] = useState(preferences.topics);
  const [saved, setSaved] = useState(false);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    await save.run(async () => {
      const answer = await api.saveNotificationPreferences(request, { topics });
      onSaved(answer);
      setSaved(true);
    });
  };

  return (
    <form className="panel" onSubmit={(event) => void onSubmit(event)}>
      {!preferences.mail.configured && (
        <p className="notice" role="note">
          This server does not send e-mail (it has no SMTP server configured): you see your notifications in the app
          only, whatever you choose here.
        </p>
      )}
      {TOPICS.map(({ topic, label }) => (
        <SelectField
          key={topic}
          id={`${ids}-${topic}`}
          label={label}
          value={topics[topic]}
          options={DELIVERIES}
          onChange={(delivery) => {
            setSaved(false);
            setTopics((current) => ({ ...current, [topic]: delivery }));
          }}
        />
      ))}
      <p className="hint">
        The daily digest goes out at {String(preferences.digestHourUtc).padStart(2, '0')}:00 UTC when there is something
        to tell.
      </p>
      <FormFooter action={save} submitLabel="Save settings">
        {saved && <span role="status">Saved.</span>}
      </FormFooter>
    </form>
  );
}
