/**
 * Where the invitation call's time goes. The bench calls it again once everyone is invited: that
 * call writes nothing, so its time is all the rest (HTTP, the sign-in and access checks, the
 * audience's codes and query, the lock, the audit row, the reminder). The writing is the call's own
 * statement (`inviteStatement`) for the same audience on new meetings of the bench's database:
 * timed as the call runs it, under the meeting's row lock and committed (the fastest of three, with
 * its commit), then once under EXPLAIN (ANALYZE, BUFFERS, WAL) in a transaction rolled back, for
 * its parts: each plan node's own time, the WAL it wrote, and the foreign-key checks.
 */
import { PgDialect } from 'drizzle-orm/pg-core';
import { Client } from 'pg';
import { inviteStatement, ResolvedAudience } from '../apps/api/src/meetings/invitations.repository';

interface PlanNode {
  'Node Type': string;
  Operation?: string;
  'Relation Name'?: string;
  'Subplan Name'?: string;
  'CTE Name'?: string;
  'Actual Total Time': number;
  'Actual Loops': number;
  'Actual Rows': number;
  'WAL Bytes'?: number;
  'WAL FPI'?: number;
  Plans?: PlanNode[];
}

interface Explained {
  Plan: PlanNode;
  Triggers?: { 'Trigger Name': string; 'Constraint Name'?: string; Relation: string; Time: number; Calls: number }[];
  'Planning Time': number;
  'Execution Time': number;
}

/** A plan node's own time (its children's taken out), where in the statement it ran and what it wrote. */
export interface StatementPart {
  /** The `with` part it belongs to, or `select` for the statement's own answer. */
  part: string;
  node: string;
  relation: string | null;
  ms: number;
  rows: number;
  walMb: number;
  /** Whole pages written to the WAL, the first change of each page since the last checkpoint. */
  walPages: number;
}

export interface InviteCallBreakdown {
  /** The same call again, with everyone already invited: all it does but writing. */
  repeatMs: number;
  statementMs: number;
  commitMs: number;
  explained: {
    executionMs: number;
    planningMs: number;
    parts: StatementPart[];
    foreignKeyChecks: { constraint: string; ms: number; calls: number }[];
    indexes: Record<string, number>;
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
const nodeMs = (n: PlanNode) => n['Actual Total Time'] * n['Actual Loops'];

/**
 * Each node's own time: a node's time includes its children's, and the scan that reads a `with`
 * part first (the slowest of those reading it) includes that part's evaluation, which is counted
 * under the part itself.
 */
function ownTimes(root: PlanNode): StatementPart[] {
  const parts: (StatementPart & { cte?: string })[] = [];
  const withParts = new Map<string, number>();
  const walk = (node: PlanNode, part: string) => {
    const children = node.Plans ?? [];
    const defined = children.filter((c) => c['Subplan Name']?.startsWith('CTE '));
    const inline = children.filter((c) => !defined.includes(c));
    const writes = node['Node Type'] === 'ModifyTable';
    const name = node['CTE Name'] ? `CTE Scan of ${node['CTE Name']}` : (node.Operation ?? node['Node Type']);
    parts.push({
      part,
      node: `${name}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''}`,
      relation: node['Relation Name'] ?? null,
      ms: nodeMs(node) - inline.reduce((sum, c) => sum + nodeMs(c), 0),
      // A write without `returning` answers no rows: count what it was given.
      rows:
        writes && inline.length
          ? inline[0]['Actual Rows'] * inline[0]['Actual Loops']
          : node['Actual Rows'] * node['Actual Loops'],
      // Only the writing nodes: a node's WAL includes its children's.
      walMb: writes ? (node['WAL Bytes'] ?? 0) / 1e6 : 0,
      walPages: writes ? (node['WAL FPI'] ?? 0) : 0,
      cte: node['Node Type'] === 'CTE Scan' ? node['CTE Name'] : undefined,
    });
    for (const c of inline) walk(c, part);
    for (const c of defined) {
      const withPart = c['Subplan Name']!.slice(4);
      withParts.set(withPart, nodeMs(c));
      walk(c, withPart);
    }
  };
  walk(root, 'select');
  for (const [withPart, ms] of withParts) {
    const scans = parts.filter((p) => p.cte === withPart);
    if (!scans.length) continue;
    const first = scans.reduce((a, b) => (b.ms > a.ms ? b : a));
    first.ms = Math.max(0, first.ms - ms);
  }
  return parts
    .map(({ cte: _cte, ...p }) => ({ ...p, ms: round(p.ms), walMb: round(p.walMb) }))
    .sort((a, b) => b.ms - a.ms);
}

async function newMeeting(db: Client, actorId: string): Promise<{ id: string; revision: number }> {
  const { rows } = await db.query<{ id: string; revision: number }>(
    `insert into meetings (title, kind, starts_at, ends_at, venue, status, created_by_id)
     values ('Breakdown', 'summit', now() + interval '30 days', now() + interval '31 days', 'RCGP', 'scheduled', $1) returning id, revision`,
    [actorId],
  );
  return rows[0];
}

const TIMED_RUNS = 3;

/** Times, then explains, the invitation statement for `audience` on new meetings of the database. */
export async function inviteCallBreakdown(
  db: Client,
  audience: ResolvedAudience,
  actorId: string,
  repeatMs: number,
): Promise<InviteCallBreakdown> {
  const dialect = new PgDialect();
  const statementOn = (meeting: { id: string; revision: number }) =>
    dialect.sqlToQuery(inviteStatement(meeting.id, meeting.revision, audience, actorId));

  let timed = { statementMs: Infinity, commitMs: 0 };
  for (let run = 0; run < TIMED_RUNS; run += 1) {
    const meeting = await newMeeting(db, actorId);
    const query = statementOn(meeting);
    await db.query('begin');
    await db.query('select id from meetings where id = $1 for update', [meeting.id]);
    let started = performance.now();
    await db.query(query.sql, query.params);
    const statementMs = performance.now() - started;
    started = performance.now();
    await db.query('commit');
    if (statementMs < timed.statementMs) timed = { statementMs, commitMs: performance.now() - started };
  }

  const explainedOn = await newMeeting(db, actorId);
  const explainedQuery = statementOn(explainedOn);
  await db.query('begin');
  let plan: Explained;
  try {
    await db.query('select id from meetings where id = $1 for update', [explainedOn.id]);
    const { rows } = await db.query(
      `explain (analyze, buffers, wal, format json) ${explainedQuery.sql}`,
      explainedQuery.params,
    );
    plan = (rows[0]['QUERY PLAN'] as Explained[])[0];
  } finally {
    await db.query('rollback');
  }

  const { rows: indexes } = await db.query<{ table: string; count: number }>(
    `select indrelid::regclass::text as table, count(*)::int as count from pg_index where indrelid in ('invitations'::regclass, 'notices'::regclass) group by indrelid`,
  );
  return {
    repeatMs: round(repeatMs),
    statementMs: round(timed.statementMs),
    commitMs: round(timed.commitMs),
    explained: {
      executionMs: round(plan['Execution Time']),
      planningMs: round(plan['Planning Time']),
      parts: ownTimes(plan.Plan).filter((p) => p.ms >= 0.5),
      foreignKeyChecks: (plan.Triggers ?? [])
        .filter((t) => t['Constraint Name'])
        .map((t) => ({ constraint: t['Constraint Name']!, ms: round(t.Time), calls: t.Calls })),
      indexes: Object.fromEntries(indexes.map((i) => [i.table, i.count])),
    },
  };
}

/** The breakdown as lines for the bench's report. */
export function describeBreakdown(members: number, callMs: number, b: InviteCallBreakdown): string[] {
  const e = b.explained;
  const checksMs = e.foreignKeyChecks.reduce((sum, t) => sum + t.ms, 0);
  const inParts = e.parts.reduce((sum, p) => sum + p.ms, 0);
  return [
    `the same call again, inviting nobody (all invited): ${b.repeatMs} ms, all it does but writing; so writing ${members} invitations and notices took about ${round(callMs - b.repeatMs)} ms`,
    `the writing statement on a new meeting of this database, as the call runs it: ${b.statementMs} ms (fastest of ${TIMED_RUNS}), its commit ${b.commitMs} ms`,
    `the same statement under EXPLAIN ANALYZE (rolled back; its clock adds to every row): ${e.executionMs} ms =`,
    ...e.parts.map(
      (p) =>
        `  ${p.ms} ms  ${p.node} (${p.part}), ${p.rows} rows` +
        (p.walMb ? `, ${e.indexes[p.relation!] ?? 0} indexes kept, ${p.walMb} MB WAL (${p.walPages} whole pages)` : ''),
    ),
    `  ${round(checksMs)} ms  foreign-key checks, one per row and key: ${e.foreignKeyChecks.map((t) => `${t.constraint} ${t.ms} ms × ${t.calls}`).join(', ')}`,
    `  ${round(e.executionMs - inParts - checksMs)} ms  in no node`,
  ];
}
