import { ArgumentsHost, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AllExceptionsFilter } from '@seg/http';
import { members } from '@seg/db';
import { stdSerializers } from 'pino';
import { createMember } from './support/factories';
import { useStack } from './support/stack';

/** A 500's log line names the failed SQL statement but none of the values bound to it. */
describe('unexpected errors in the log', () => {
  const stack = useStack();

  it('logs a failed query by its statement, without its parameters or PostgreSQL detail', async () => {
    const taken = await createMember(stack.db, { phone: '07700 900123' });
    const failure = await stack.db
      .insert(members)
      .values({ email: taken.email.toUpperCase(), name: 'Second Person', phone: '07700 900456' })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);

    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const sent: { status?: number; body?: unknown } = {};
    const httpAdapter = {
      isHeadersSent: () => false,
      reply: (_response: unknown, body: unknown, status: number) => Object.assign(sent, { status, body }),
    };
    const host = {
      switchToHttp: () => ({ getResponse: () => ({}), getRequest: () => ({ id: 'req-1' }) }),
    } as unknown as ArgumentsHost;
    let calls: unknown[][];
    try {
      new AllExceptionsFilter({ httpAdapter } as unknown as HttpAdapterHost).catch(failure, host);
    } finally {
      calls = [...logged.mock.calls];
      logged.mockRestore();
    }

    expect(sent).toMatchObject({
      status: 500,
      body: { message: 'Something went wrong on our side', requestId: 'req-1' },
    });
    const [entry] = calls[0] as [{ err: unknown; requestId: string }];
    // As pino writes it: the serializer is applied only to Error instances.
    const line = JSON.stringify({
      ...entry,
      err: entry.err instanceof Error ? stdSerializers.err(entry.err) : entry.err,
    });
    expect(line).toContain('insert into \\"members\\"');
    expect(line).toContain('members_email_lower_key');
    for (const secret of [taken.email, taken.email.toUpperCase(), '07700 900456', 'Second Person'])
      expect(line).not.toContain(secret);
  });
});
