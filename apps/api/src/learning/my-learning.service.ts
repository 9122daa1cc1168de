import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { invalidField } from '@seg/http';
import { meetingOrganiser, meetingPlace } from '@seg/learning';
import {
  AppraisalYear,
  appraisalYear,
  appraisalYearOf,
  Clock,
  hoursOf,
  inAppraisalYear,
  learningDay,
  minutesOfHours,
  MONTH_NAMES,
  todayInLondon,
} from '@seg/rules';
import { csvCell } from '../meetings/meeting-follow-up.service';
import {
  CreateLearningEntryDto,
  LearningItem,
  MyLearning,
  ReflectionFields,
  UpdateLearningDto,
} from './dto/my-learning.dto';
import { learningStatementPdf } from './learning-statement';
import { LearningEntryRow, MyLearningRepository } from './my-learning.repository';

const noSuchLine = () => new NotFoundException('No such line in your learning');

/**
 * A member's own learning record (My learning): the meetings they attended with the hours, their
 * own entries, their private notes on each, and the total of an appraisal year. Only the member
 * reads or writes it: no route of the secretariat's reaches it.
 */
@Injectable()
export class MyLearningService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MyLearningRepository,
    private readonly clock: Clock,
  ) {}

  async year(memberId: string, year?: number): Promise<MyLearning> {
    const owner = await this.repository.owner(memberId);
    if (!owner) throw noSuchLine();
    const current = appraisalYearOf(todayInLondon(this.clock.now()), owner.appraisalMonth);
    const shown = year === undefined ? current : appraisalYear(year, owner.appraisalMonth);
    const items = await this.items(memberId, shown);
    const minutes = items.reduce((sum, i) => sum + (i.hours === null ? 0 : Math.round(i.hours * 60)), 0);
    return {
      appraisalMonth: owner.appraisalMonth,
      appraisalMonthChoices: MONTH_NAMES.map((name, i) => ({ month: i + 1, name })),
      appraisalYear: { year: shown.year, label: shown.label, startsOn: shown.startsOn, endsOn: shown.endsOn },
      currentYear: current.year,
      totalHours: hoursOf(minutes),
      items,
    };
  }

  async setAppraisalMonth(memberId: string, month: number): Promise<MyLearning> {
    await this.repository.setAppraisalMonth(memberId, month);
    return this.year(memberId);
  }

  async addEntry(memberId: string, dto: CreateLearningEntryDto): Promise<LearningItem> {
    const row = await this.repository.transaction((tx) =>
      this.repository.insertEntry(tx, {
        memberId,
        title: dto.title.trim(),
        occurredOn: dto.date,
        minutes: minutesOfHours(dto.hours)!,
        learnt: blankToNull(dto.learnt),
        willChange: blankToNull(dto.willChange),
      }),
    );
    return entryItem(row);
  }

  /** The note on a meeting attended, or any field of an own entry. */
  async update(memberId: string, id: string, dto: UpdateLearningDto): Promise<void> {
    const note: ReflectionFields = {
      ...(dto.learnt !== undefined ? { learnt: blankToNull(dto.learnt) } : {}),
      ...(dto.willChange !== undefined ? { willChange: blankToNull(dto.willChange) } : {}),
    };
    await this.repository.transaction(async (tx) => {
      const attended = await this.repository.lockAttendance(tx, memberId, id);
      if (attended) {
        for (const field of ['title', 'date', 'hours'] as const)
          if (dto[field] !== undefined) throw invalidField(field, "is the meeting's, set by its organiser");
        await this.repository.saveReflection(tx, attended.id, note);
        return;
      }
      const row = await this.repository.updateEntry(tx, memberId, id, {
        ...note,
        ...(dto.title !== undefined ? { title: dto.title.trim() } : {}),
        ...(dto.date !== undefined ? { occurredOn: dto.date } : {}),
        ...(dto.hours !== undefined ? { minutes: minutesOfHours(dto.hours)! } : {}),
      });
      if (!row) throw noSuchLine();
    });
  }

  async removeEntry(memberId: string, id: string): Promise<void> {
    if (await this.repository.deleteEntry(memberId, id)) return;
    const attended = await this.repository.transaction((tx) => this.repository.lockAttendance(tx, memberId, id));
    if (attended)
      throw new ConflictException("A meeting attended is the organiser's record: only your note on it is yours");
    throw noSuchLine();
  }

  /** The year as a spreadsheet: a row per line, notes included (it is the member's own download). */
  async csv(memberId: string, year?: number): Promise<{ label: string; csv: string }> {
    const learning = await this.year(memberId, year);
    const lines = [
      ['date', 'title', 'kind', 'hours', 'organiser', 'certificate', 'what I learnt', 'what I will change'].join(','),
      ...learning.items.map((i) =>
        [
          i.date,
          i.title,
          i.kind === 'meeting' ? 'SEG Network meeting' : 'Own entry',
          i.hours ?? '',
          i.organiser ?? '',
          i.certificateNumber ?? '',
          i.learnt ?? '',
          i.willChange ?? '',
        ]
          .map(csvCell)
          .join(','),
      ),
      ['', 'Total', '', learning.totalHours, '', '', '', ''].map(csvCell).join(','),
    ];
    return { label: String(learning.appraisalYear.year), csv: lines.join('\r\n') + '\r\n' };
  }

  /** The year's statement as one PDF, for the member's appraisal. */
  async statement(memberId: string, year?: number): Promise<{ label: string; pdf: Buffer }> {
    const [owner, learning] = await Promise.all([this.repository.owner(memberId), this.year(memberId, year)]);
    if (!owner) throw noSuchLine();
    const pdf = await learningStatementPdf({ name: owner.name, registration: owner.registration }, learning, {
      today: todayInLondon(this.clock.now()),
      verifyUrl: `${this.config.publicUrl}/verify`,
    });
    return { label: String(learning.appraisalYear.year), pdf };
  }

  private async items(memberId: string, year: AppraisalYear): Promise<LearningItem[]> {
    const [attended, entries] = await Promise.all([
      this.repository.attended(memberId),
      this.repository.entriesBetween(memberId, year.startsOn, year.endsOn),
    ]);
    const meetings: LearningItem[] = [];
    for (const a of attended) {
      const date = learningDay(a.meeting);
      if (!date || !inAppraisalYear(date, year)) continue;
      meetings.push({
        id: a.id,
        kind: 'meeting',
        title: a.meeting.title,
        date,
        hours: a.meeting.cpdMinutes === null ? null : hoursOf(a.meeting.cpdMinutes),
        organiser: meetingOrganiser(a.meeting),
        place: meetingPlace(a.meeting),
        certificateNumber: a.number,
        learnt: a.learnt ?? null,
        willChange: a.willChange ?? null,
      });
    }
    return [...meetings, ...entries.map(entryItem)].sort(
      (a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'en-GB'),
    );
  }
}

function entryItem(row: LearningEntryRow): LearningItem {
  return {
    id: row.id,
    kind: 'own',
    title: row.title,
    date: row.occurredOn,
    hours: hoursOf(row.minutes),
    organiser: null,
    place: null,
    certificateNumber: null,
    learnt: row.learnt,
    willChange: row.willChange,
  };
}

function blankToNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}
