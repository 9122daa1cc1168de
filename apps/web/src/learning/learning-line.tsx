import { useState } from 'react';
import { answer, asFile, client, download } from '../api/client';
import type * as Api from '../api/openapi.generated';
import { ErrorMessage } from '../components/ui';
import { LearningNote } from './learning-note';

export function hoursText(hours: number | null): string {
  if (hours === null) return 'hours not set';
  return `${hours.toLocaleString('en-GB')} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** One line of My learning: the meeting or entry, its certificate, and the member's note. */
export function LearningLine({ item, onChanged }: { item: Api.LearningItem; onChanged: () => void }) {
  const [error, setError] = useState<unknown>(null);

  async function certificate() {
    setError(null);
    try {
      const number = item.certificateNumber;
      if (!number) return;
      const pdf = client.GET('/certificates/{number}.pdf', {
        params: { path: { number } },
        ...asFile('application/pdf'),
      });
      await download(pdf, `certificate-${number}.pdf`);
    } catch (err) {
      setError(err);
    }
  }

  async function remove() {
    if (!window.confirm(`Remove “${item.title}” from your learning?`)) return;
    setError(null);
    try {
      await answer(client.DELETE('/me/learning/{id}', { params: { path: { id: item.id } } }));
      onChanged();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <li className="card learning-line">
      <h3 className="card-title">{item.title}</h3>
      <p>
        <span className="tag">{item.kind === 'meeting' ? 'SEG Network meeting' : 'Own entry'}</span> {item.date} ·{' '}
        {hoursText(item.hours)}
      </p>
      {item.organiser ? (
        <p className="small">
          {item.organiser}
          {item.place ? ` · ${item.place}` : ''}
        </p>
      ) : null}
      <div className="button-row">
        {item.certificateNumber ? (
          <button type="button" className="button secondary" onClick={certificate}>
            Download the certificate<span className="visually-hidden"> of {item.title}</span>
          </button>
        ) : null}
        {item.kind === 'own' ? (
          <button type="button" className="button secondary" onClick={remove}>
            Remove<span className="visually-hidden"> {item.title}</span>
          </button>
        ) : null}
      </div>
      <ErrorMessage error={error} />
      <LearningNote item={item} />
    </li>
  );
}
