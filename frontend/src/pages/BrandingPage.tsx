import { useEffect, useId, useState, type ChangeEvent, type SubmitEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { Branding } from '../api/types.ts';
import { isManager, useApi, useAuthorized, useSession } from '../auth/SessionContext.ts';
import { ActionButton } from '../components/ActionButton.tsx';
import { LoadError, Loading } from '../components/Feedback.tsx';
import { FormFooter, TextField } from '../components/FormFields.tsx';
import { useAction } from '../hooks/useAction.ts';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { queryKeys } from '../query/keys.ts';
import { useQueryResource } from '../query/useQueryResource.ts';

/** The largest logo the server takes (its body limit): checked here first to say so without an upload. */
export const MAX_LOGO_BYTES = 256 * 1024;
const DEFAULT_COLOUR = '#1f5fa8';

/** What is wrong with a chosen logo file before it is sent, or null. */
export function logoProblem(file: { type: string; size: number }): string | null {
  if (file.type !== 'image/png' && file.type !== 'image/svg+xml') {
    return 'Choose a PNG or SVG file.';
  }
  return file.size > MAX_LOGO_BYTES ? `The logo must be at most ${String(MAX_LOGO_BYTES / 1024)} KB.` : null;
}

/** The agency's settings page: its white label (name, logo, colour, footer, "powered by"), for owners and admins. */
export function BrandingPage() {
  usePageTitle('Branding');
  const { role } = useSession();
  const headingId = useId();
  return (
    <section className="page" aria-labelledby={headingId}>
      <h2 id={headingId}>Agency settings</h2>
      {isManager(role) ? <BrandingSection /> : <p className="muted">Only owners and admins can change the agency's branding.</p>}
    </section>
  );
}

function BrandingSection() {
  const { state, reload, update } = useQueryResource(queryKeys.agency('branding'), api.getBranding);
  const headingId = useId();
  return (
    <section className="panel branding" aria-labelledby={headingId}>
      <h3 id={headingId}>Branding</h3>
      <p className="muted">
        How your agency appears to clients on PDF reports and shared dashboards. Zoom Factor appears only as a small
        “Powered by”, which you can switch off.
      </p>
      {state.kind === 'loading' && <Loading label="Loading the branding…" />}
      {state.kind === 'error' && <LoadError message={state.message} what="The branding" onRetry={reload} />}
      {state.kind === 'loaded' && (
        <>
          <BrandingForm branding={state.data} onSaved={(saved) => { update(() => saved); }} />
          <LogoSection branding={state.data} onChanged={(saved) => { update(() => saved); }} />
        </>
      )}
    </section>
  );
}

function BrandingForm({ branding, onSaved }: { branding: Branding; onSaved: (branding: Branding) => void }) {
  const request = useApi();
  const submit = useAction();
  const ids = useId();
  const [name, setName] = useState(branding.customName ?? '');
  const [colour, setColour] = useState(branding.colour ?? DEFAULT_COLOUR);
  const [footer, setFooter] = useState(branding.footer ?? '');
  const [poweredBy, setPoweredBy] = useState(branding.poweredBy);
  const [saved, setSaved] = useState(false);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    if (!/^#[0-9a-fA-F]{6}$/.test(colour)) {
      submit.setError('The colour must look like #1f5fa8.');
      return;
    }
    await submit.run(async () => {
      const stored = await api.setBranding(request, {
        ...(name.trim() === '' ? {} : { name: name.trim() }),
        ...(colour.toLowerCase() === DEFAULT_COLOUR ? {} : { colour }),
        ...(footer.trim() === '' ? {} : { footer: footer.trim() }),
        poweredBy,
      });
      onSaved(stored);
      setSaved(true);
    });
  };

  return (
    <form className="form" onSubmit={(event) => void onSubmit(event)} aria-busy={submit.pending}>
      <TextField
        id={`${ids}-name`}
        label="Name shown to clients"
        hint="Empty: your agency's name."
        maxLength={200}
        value={name}
        onChange={setName}
      />
      <div className="field-row">
        <TextField id={`${ids}-colour`} label="Brand colour" hint="A hex colour, e.g. #1f5fa8." value={colour} onChange={setColour}>
          <input
            type="color"
            aria-label="Pick the brand colour"
            value={/^#[0-9a-fA-F]{6}$/.test(colour) ? colour : DEFAULT_COLOUR}
            onChange={(event) => {
              setColour(event.target.value);
            }}
          />
        </TextField>
      </div>
      <TextField
        id={`${ids}-footer`}
        label="Report footer"
        hint="A line at the foot of every report page and shared dashboard."
        maxLength={500}
        value={footer}
        onChange={setFooter}
      />
      <div className="checkbox">
        <input
          id={`${ids}-powered`}
          type="checkbox"
          checked={poweredBy}
          onChange={(event) => {
            setPoweredBy(event.target.checked);
          }}
        />
        <label htmlFor={`${ids}-powered`}>Show “Powered by Zoom Factor”</label>
      </div>
      <FormFooter action={submit} submitLabel="Save branding" />
      {saved && <p role="status">Branding saved.</p>}
    </form>
  );
}

function LogoSection({ branding, onChanged }: { branding: Branding; onChanged: (branding: Branding) => void }) {
  const request = useApi();
  const upload = useAction();
  const ids = useId();
  const preview = useLogoPreview(branding.logo?.updatedAt ?? null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) {
      return;
    }
    const problem = logoProblem(file);
    if (problem !== null) {
      upload.setError(problem);
      return;
    }
    await upload.run(async () => {
      onChanged(await api.uploadLogo(request, file, file.type));
    });
  };

  return (
    <section className="logo" aria-labelledby={`${ids}-heading`}>
      <h4 id={`${ids}-heading`}>Logo</h4>
      {branding.logo === null ? (
        <p className="muted">No logo yet: reports and shared dashboards show the name alone.</p>
      ) : (
        <div className="logo-preview">
          {preview !== null && <img src={preview} alt="Your logo" className="logo-image" />}
          <p className="muted">
            {branding.logo.type === 'image/png' ? 'PNG' : 'SVG'} · {String(branding.logo.width)}×{String(branding.logo.height)}
          </p>
          <ActionButton
            label="Remove logo"
            className="button-danger-outline"
            action={() => api.deleteLogo(request)}
            onDone={() => {
              onChanged({ ...branding, logo: null });
            }}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${ids}-file`}>Upload a logo</label>
        <input id={`${ids}-file`} type="file" accept="image/png,image/svg+xml" onChange={(event) => void onFile(event)}
          aria-describedby={`${ids}-file-hint`} disabled={upload.pending} />
        <p id={`${ids}-file-hint`} className="hint">
          PNG or SVG, at most 256 KB and 2048 pixels a side. Scripts, links and outside references in an SVG are removed.
        </p>
      </div>
      {upload.error !== null && <p role="alert" className="error">{upload.error}</p>}
    </section>
  );
}

/** An object URL of the stored logo for a preview (the route needs the access token, which an img cannot send). */
function useLogoPreview(version: string | null): string | null {
  const authorized = useAuthorized();
  const [url, setUrl] = useState<{ version: string; url: string } | null>(null);
  useEffect(() => {
    if (version === null) {
      return;
    }
    const controller = new AbortController();
    let made: string | null = null;
    api.downloadLogo(authorized, controller.signal).then(
      (file) => {
        made = URL.createObjectURL(file.blob);
        setUrl({ version, url: made });
      },
      (error: unknown) => {
        // a preview is a nicety: the settings still work without it
        console.warn(`logo preview: ${errorMessage(error)}`);
      },
    );
    return () => {
      controller.abort();
      if (made !== null) {
        URL.revokeObjectURL(made);
      }
    };
  }, [authorized, version]);
  return url !== null && url.version === version ? url.url : null;
}
