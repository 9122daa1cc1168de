import { ReactNode, useState } from 'react';
import { Link, NavLink } from '../router';
import { useRepresentedRegions } from '../region/represented-regions';
import { useSession } from '../session';

export function Layout({ children }: { children: ReactNode }) {
  const { user, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const { regions } = useRepresentedRegions();
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            SEG Network
          </Link>
          {user ? (
            <button
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="site-nav"
              onClick={() => setMenuOpen((o) => !o)}
            >
              Menu
            </button>
          ) : null}
          {user ? (
            <MainNav
              open={menuOpen}
              onClose={() => setMenuOpen(false)}
              representative={regions.length > 0}
              secretariat={user.isSecretariat}
              onSignOut={() => signOut()}
            />
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          SEG Network · RCGP Secure Environments Group{user ? ` · Signed in as ${user.name}` : ''} ·{' '}
          <Link to="/privacy">Privacy</Link>
        </p>
      </footer>
    </>
  );
}

/** The signed-in member's pages; a representative's region and the secretariat's screens when they have them. */
function MainNav({
  open,
  onClose,
  representative,
  secretariat,
  onSignOut,
}: {
  open: boolean;
  onClose: () => void;
  representative: boolean;
  secretariat: boolean;
  onSignOut: () => void;
}) {
  return (
    <nav id="site-nav" aria-label="Main" className={open ? 'open' : undefined} onClick={onClose}>
      <ul>
        <li>
          <NavLink to="/" exact>
            Home
          </NavLink>
        </li>
        <li>
          <NavLink to="/directory">Directory</NavLink>
        </li>
        <li>
          <NavLink to="/where">Where is my patient going?</NavLink>
        </li>
        <li>
          <NavLink to="/my/meetings">My meetings</NavLink>
        </li>
        <li>
          <NavLink to="/my/learning">My learning</NavLink>
        </li>
        <li>
          <NavLink to="/my/details">My details</NavLink>
        </li>
        {representative ? (
          <li>
            <NavLink to="/my/region">My region</NavLink>
          </li>
        ) : null}
        {secretariat ? (
          <li>
            <NavLink to="/secretariat">Secretariat</NavLink>
          </li>
        ) : null}
        <li>
          <button type="button" className="link-button" onClick={onSignOut}>
            Sign out
          </button>
        </li>
      </ul>
    </nav>
  );
}
