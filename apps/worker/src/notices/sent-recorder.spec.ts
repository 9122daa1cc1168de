import { AppConfig } from '@seg/config';
import { NoticesRepository } from './notices.repository';
import { SentRecorder } from './sent-recorder';

describe('SentRecorder send slots', () => {
  const recorder = () => new SentRecorder({} as NoticesRepository, { mail: { poolSize: 2 } } as AppConfig);

  it('lets MAIL_POOL_SIZE sends out at once; the next waits until one is recorded or failed', async () => {
    const sent = recorder();
    const first = await sent.slot();
    const second = await sent.slot();
    let third: (() => void) | null = null;
    const waiting = sent.slot().then((release) => (third = release));
    await new Promise((r) => setImmediate(r));
    expect(third).toBeNull();

    first();
    first(); // a second release frees nothing more
    await waiting;
    expect(third).not.toBeNull();
    let fourth: (() => void) | null = null;
    const alsoWaiting = sent.slot().then((release) => (fourth = release));
    await new Promise((r) => setImmediate(r));
    expect(fourth).toBeNull();
    second();
    await alsoWaiting;
    expect(fourth).not.toBeNull();
  });
});
