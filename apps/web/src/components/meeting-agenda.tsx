/** A meeting's agenda as members and the secretariat both read it; nothing when there is none. */
export function MeetingAgenda({ agenda }: { agenda?: string | null }) {
  if (!agenda) return null;
  return (
    <section aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">Agenda</h2>
      <p className="bio">{agenda}</p>
    </section>
  );
}
