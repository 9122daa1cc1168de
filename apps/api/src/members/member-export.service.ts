import { Clock, todayInLondon } from '@seg/rules';
import { Injectable } from '@nestjs/common';
import { csvLine, IMPORT_COLUMNS } from './members-csv';
import { MembersRepository } from './members.repository';

const EXPORT_COLUMNS = [...IMPORT_COLUMNS, 'registration', 'status', 'role', 'posts'];

/** The directory as CSV: the import's columns first, so an edited export can be imported back. */
@Injectable()
export class MemberExportService {
  constructor(
    private readonly members: MembersRepository,
    private readonly clock: Clock,
  ) {}

  async exportCsv(): Promise<string> {
    const [rows, places, held] = await Promise.all([
      this.members.listForExport(),
      this.members.allEstablishments(),
      this.members.currentPosts(todayInLondon(this.clock.now())),
    ]);
    const placesOf = groupBy(places, (p) => p.memberId);
    const postsOf = groupBy(held, (p) => p.memberId);
    let csv = csvLine(EXPORT_COLUMNS);
    for (const { member: m, categoryCode, regionCode } of rows) {
      csv += csvLine([
        m.email,
        m.name,
        m.title,
        categoryCode,
        regionCode,
        m.phone,
        (placesOf.get(m.id) ?? []).map((p) => p.code ?? p.name).join('; '),
        m.registration,
        m.status,
        m.role,
        (postsOf.get(m.id) ?? []).map((p) => `${p.role} (${p.regionCode ?? 'hub'})`).join('; '),
      ]);
    }
    return csv;
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
