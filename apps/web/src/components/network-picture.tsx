import type { NetworkView as Network } from '../api/openapi.generated';

/**
 * The regions clockwise round the map from the north, so neighbours sit side by side in the
 * picture. A region the secretariat adds later goes at the end until it is placed here.
 */
const ROUND_THE_MAP = [
  'scotland',
  'north-east',
  'yorkshire-humber',
  'east-midlands',
  'east-of-england',
  'london',
  'south-east-coast',
  'south-central',
  'south-west',
  'wales',
  'west-midlands',
  'north-west',
  'northern-ireland',
];
const SPOKE_RADIUS = 62;
const HUB_RADIUS = 84;

function placeOf(code: string): number {
  const i = ROUND_THE_MAP.indexOf(code);
  return i < 0 ? ROUND_THE_MAP.length : i;
}

/** Splits a region name into at most three short lines for a spoke's circle. */
function lines(name: string, width = 11): string[] {
  const out: string[] = [];
  for (const word of name.split(/\s+/)) {
    const last = out[out.length - 1];
    if (last && (last + ' ' + word).length <= width) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out.slice(0, 3);
}

/**
 * The hub and its spokes as a picture. It is decoration for sighted users: the same facts are
 * in the list beside it, so the SVG is one image with a summary for screen readers.
 */
export function NetworkPicture({ network }: { network: Network }) {
  const spokes = [...network.spokes].sort(
    (a, b) => placeOf(a.region.code) - placeOf(b.region.code) || a.region.name.localeCompare(b.region.name),
  );
  // Far enough out that neighbouring circles keep a gap, however many regions there are.
  const ring = Math.max(236, (SPOKE_RADIUS + 6) / Math.sin(Math.PI / Math.max(spokes.length, 2)));
  const size = Math.ceil(2 * (ring + SPOKE_RADIUS + 8));
  const c = size / 2;
  const staffed = spokes.filter((s) => s.reps.length > 0).length;
  const summary = `${network.hub.name} at the centre with ${network.hub.reps.length} national posts, and ${spokes.length} regions around it; ${staffed} have a representative and ${spokes.length - staffed} have none yet.`;
  return (
    <svg className="network-picture" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={summary}>
      {spokes.map((s, i) => {
        const angle = (2 * Math.PI * i) / spokes.length - Math.PI / 2;
        const x = c + ring * Math.cos(angle);
        const y = c + ring * Math.sin(angle);
        return (
          <line
            key={`l-${s.region.code}`}
            x1={c}
            y1={c}
            x2={x}
            y2={y}
            className={s.reps.length ? 'spoke-line' : 'spoke-line empty'}
          />
        );
      })}
      <circle cx={c} cy={c} r={HUB_RADIUS} className="hub-node" />
      <text x={c} y={c - 8} className="hub-label">
        The hub
      </text>
      <text x={c} y={c + 16} className="hub-count">
        {network.hub.reps.length} {network.hub.reps.length === 1 ? 'post' : 'posts'}
      </text>
      {spokes.map((s, i) => {
        const angle = (2 * Math.PI * i) / spokes.length - Math.PI / 2;
        const x = c + ring * Math.cos(angle);
        const y = c + ring * Math.sin(angle);
        const label = lines(s.region.name);
        const empty = s.reps.length === 0;
        return (
          <g key={s.region.code}>
            <circle
              cx={x}
              cy={y}
              r={SPOKE_RADIUS}
              className={empty ? 'spoke-node empty' : 'spoke-node'}
              data-region={s.region.code}
            />
            {label.map((line, j) => (
              <text key={j} x={x} y={y - 14 + (j - (label.length - 1) / 2) * 15} className="spoke-label">
                {line}
              </text>
            ))}
            <text x={x} y={y + 26} className={empty ? 'spoke-count empty' : 'spoke-count'}>
              {empty ? 'no rep yet' : `${s.reps.length} ${s.reps.length === 1 ? 'rep' : 'reps'}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
