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
            <nav
              id="site-nav"
              aria-label="Main"
              className={menuOpen ? 'open' : undefined}
              onClick={() => setMenuOpen(false)}
            >
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
                {regions.length ? (
                  <li>
                    <NavLink to="/my/region">My region</NavLink>
                  </li>
                ) : null}
                {user.isSecretariat ? (
                  <li>
                    <NavLink to="/secretariat">Secretariat</NavLink>
                  </li>
                ) : null}
                <li>
                  <button type="button" className="link-button" onClick={() => signOut()}>
                    Sign out
                  </button>
                </li>
              </ul>
            </nav>
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
