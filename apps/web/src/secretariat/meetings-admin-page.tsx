import { MeetingsByWhen } from '../components/meetings-by-when';
import { Page } from '../components/ui';
import { Link } from '../router';

export function MeetingsAdminPage() {
  return (
    <Page
      title="Meetings"
      actions={
        <Link to="/secretariat/meetings/new" className="button">
          New meeting
        </Link>
      }
    >
      <MeetingsByWhen meetingPath="/secretariat/meetings" withRegion />
    </Page>
  );
}
