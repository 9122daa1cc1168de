import { Alert, Page } from '../components/ui';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { linkToken, SetPasswordForm } from './password-fields';

/** From the activation email: the member sets their first password. */
export function ActivatePage() {
  const { query } = useLocation();
  const token = linkToken(query);
  const { activate } = useSession();

  if (!token) {
    return (
      <Page title="Activate your account">
        <Alert kind="error" title="This link is not complete">
          <p>Open the link in your invitation email again, or ask the secretariat to send a new one.</p>
        </Alert>
      </Page>
    );
  }
  return (
    <Page title="Activate your account" lead="Choose the password you will use to sign in.">
      <div className="narrow">
        <SetPasswordForm
          link={{ token, purpose: 'activation' }}
          save={async (password) => {
            await activate(token, password);
            navigate('/?welcome=1', { replace: true });
          }}
          submitLabel="Activate my account"
          expired={
            <>
              Ask the secretariat to send a new invitation, or <Link to="/reset-password">reset your password</Link> if
              you have already activated your account.
            </>
          }
        />
      </div>
    </Page>
  );
}
