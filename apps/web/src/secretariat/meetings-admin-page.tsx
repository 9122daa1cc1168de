import { MeetingsByWhen } from '../components/meetings-by-when';
import { Page } from '../components/ui';
import { Link } from '../router';

export function MeetingsAdminPage() {
  return (
    <Page
      title="Meetings"
      actions={
        <div className="button-row">
          <Link to="/secretariat/meetings/new" className="button">
            New meeting
          </Link>
          <Link to="/secretariat/attendance/import" className="button secondary">
            Import past attendance
          </Link>
        </div>
      }
    >
      <MeetingsByWhen meetingPath="/secretariat/meetings" withRegion />
    </Page>
  );
}
