import { FormEvent, useState } from 'react';

/**
 * A CSV sent to an import endpoint: checked first as a dry run (nothing saved), then saved once
 * the officer agrees. Changing the CSV drops the last result, which no longer describes it.
 * A chosen file goes as its own bytes: the API reads its encoding (a Latin-1 file is refused
 * with a message saying how to save it), where the browser's reading would garble it silently.
 */
export function useCsvImport<Result>(sendCsv: (csv: string | Blob, dryRun: boolean) => Promise<Result>) {
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function changeText(next: string, from: File | null = null) {
    setText(next);
    setFile(from);
    setResult(null);
  }

  async function send(dryRun: boolean) {
    setBusy(true);
    setError(null);
    try {
      setResult(await sendCsv(file ?? text, dryRun));
    } catch (err) {
      setError(err);
      setResult(null);
    } finally {
      setBusy(false);
    }
  }

  function check(e: FormEvent) {
    e.preventDefault();
    void send(true);
  }

  return { text, changeText, result, error, busy, check, save: () => void send(false) };
}

/** A CSV import's example file, folded away. */
export function CsvExample({ csv }: { csv: string }) {
  return (
    <details>
      <summary>Example</summary>
      <pre>{csv}</pre>
    </details>
  );
}

/** What is wrong with one row of the file, field by field. */
export function rowProblems(errors: { field: string; message: string }[] | undefined): string {
  return errors?.map((x) => `${x.field}: ${x.message}`).join('; ') ?? '';
}
