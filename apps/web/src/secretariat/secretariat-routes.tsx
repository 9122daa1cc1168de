import { Page } from '../components/ui';

export default function SecretariatRoutes({ path }: { path: string; query: URLSearchParams }) {
  return <Page title="Secretariat">{path}</Page>;
}
