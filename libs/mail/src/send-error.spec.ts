import { TokenRefusedError } from './oauth-tokens';
import { classifySendError } from './send-error';

/** An error as nodemailer gives it for an SMTP reply. */
function reply(response: string): Error {
  return Object.assign(new Error(`Message failed: ${response}`), {
    code: 'EMESSAGE',
    responseCode: Number(response.slice(0, 3)),
    response,
  });
}

describe('classifySendError', () => {
  it.each([
    ['421 4.7.0 Try again later, closing connection.', 'throttled'],
    ['421 Service not available, too busy', 'throttled'],
    ['451 4.7.500 Server busy. Please try again later', 'throttled'],
    ['450 4.7.1 Client host rejected: too many messages', 'throttled'],
    ['432 4.3.2 STOREDRV.ClientSubmit; sender thread limit exceeded', 'throttled'],
    ['453 4.3.2 Concurrent connections limit exceeded. Visit https://aka.ms/concurrent_sending', 'throttled'],
    [
      '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message',
      'over-day-limit',
    ],
    ['550 5.4.5 Daily user sending limit exceeded.', 'over-day-limit'],
    ['550 5.7.1 Daily SMTP relay limit exceeded for user', 'over-day-limit'],
    ['550 5.1.1 The email account that you tried to reach does not exist', 'permanent'],
    ['554 5.7.1 Relay access denied', 'permanent'],
    ['451 4.3.0 Temporary local problem', 'temporary'],
    ['452 4.2.2 Mailbox full', 'temporary'],
  ])('%s is %s', (response, expected) => {
    expect(classifySendError(reply(response))).toBe(expected);
  });

  it('treats a connection that failed as temporary', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' });
    expect(classifySendError(refused)).toBe('temporary');
    expect(classifySendError(undefined)).toBe('temporary');
  });

  it('treats a refused sign-in as auth-refused, whatever its reply code', () => {
    // nodemailer: "535 5.7.3 Authentication unsuccessful" (Exchange Online), and a token it could not get.
    const smtp = Object.assign(new Error('Invalid login: 535 5.7.3 Authentication unsuccessful'), {
      code: 'EAUTH',
      responseCode: 535,
      response: '535 5.7.3 Authentication unsuccessful',
    });
    expect(classifySendError(smtp)).toBe('auth-refused');
    expect(classifySendError(new TokenRefusedError('invalid_client: AADSTS7000222 the client secret expired'))).toBe(
      'auth-refused',
    );
    // imapflow
    expect(classifySendError(Object.assign(new Error('Command failed'), { authenticationFailed: true }))).toBe(
      'auth-refused',
    );
  });
});
