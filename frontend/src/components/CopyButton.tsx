import { useState } from 'react';

type Props = {
  text: string;
  label: string;
};

/** Copies `text` to the clipboard and says whether it worked (the text stays selectable either way). */
export function CopyButton({ text, label }: Props) {
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);

  const copy = async () => {
    try {
      // navigator.clipboard is missing on plain-http pages other than localhost.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      if (!navigator.clipboard) {
        throw new Error('no clipboard');
      }
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      setResult('failed');
    }
  };

  return (
    <span className="copy">
      <button type="button" className="button-secondary" onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy-result" role="status" aria-live="polite">
        {result === 'copied' && 'Copied'}
        {result === 'failed' && 'Could not copy: select the text and copy it yourself'}
      </span>
    </span>
  );
}
