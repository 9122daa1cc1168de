'use strict';
// What members ask the directory, in two mixes; each is an endless, deterministic sequence of
// request paths, so every contender is asked the same questions in the same order.
//
// The realistic mix, as members use the directory (the shares are our estimate of a working
// week: people look up those they deal with, over and over):
//   30 %  list their own region ("my region"): regions drawn with a skew, big ones more often
//   25 %  search a surname by its first 3 to 5 letters: surnames drawn with a Zipf skew (s = 1),
//         a few people being looked up far more than the rest
//   10 %  search a whole name, from 2,000 people with the same skew
//   10 %  search a given name, skewed
//   10 %  list representatives, half of them for a region
//   10 %  list an establishment's members ("who works at HMP X"), establishments skewed
//    5 %  list a category within a region
// Repeats follow from the skew, as in real use; nothing is repeated on purpose.
//
// The distinct mix: the same kinds of question, each asked once only (a page size of 40 to 60
// and region filters vary them), so no answer repeats and nothing kept in memory can help.
const { FIRST, LAST, prng } = require('./seed');

const plain = (s) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Draws from `list` with a Zipf skew: the item of rank k weighs 1 / k^s. */
function zipf(list, random, s = 1) {
  const weights = list.map((_, k) => 1 / (k + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w / total));
  return () => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  };
}

/** One question of the realistic mix as query parameters, drawn with `random`. */
function questions(seeded, random) {
  const region = zipf(seeded.regions, random, 0.8);
  const surname = zipf(LAST, random);
  const given = zipf(FIRST, random);
  const people = Array.from(
    { length: 2000 },
    (_, i) => `${FIRST[(i * 7) % FIRST.length]} ${LAST[(i * 13) % LAST.length]}`,
  );
  const person = zipf(people, random);
  const establishment = zipf(seeded.establishments, random);
  const category = () => seeded.categories[Math.floor(random() * seeded.categories.length)];
  return () => {
    const r = random();
    const params = new URLSearchParams();
    if (r < 0.3) params.set('region', region());
    else if (r < 0.55)
      params.set(
        'q',
        plain(surname())
          .replace(/[^a-z]/g, '')
          .slice(0, 3 + Math.floor(random() * 3)),
      );
    else if (r < 0.65) params.set('q', person());
    else if (r < 0.75) params.set('q', plain(given()));
    else if (r < 0.85) {
      params.set('reps', 'true');
      if (random() < 0.5) params.set('region', region());
    } else if (r < 0.95) params.set('establishment', establishment());
    else {
      params.set('region', region());
      params.set('category', category());
    }
    return params;
  };
}

function realisticMix(seeded) {
  const next = questions(seeded, prng(7));
  return () => `/directory/members?${next()}`;
}

function distinctMix(seeded) {
  const random = prng(11);
  const next = questions(seeded, random);
  const asked = new Set();
  return () => {
    for (let tries = 0; ; tries += 1) {
      if (tries > 100_000) throw new Error('The distinct mix has no question left that was not asked');
      const params = next();
      params.set('limit', String(40 + Math.floor(random() * 21)));
      if (!params.has('region') && random() < 0.5)
        params.set('region', seeded.regions[Math.floor(random() * seeded.regions.length)]);
      const path = `/directory/members?${params}`;
      if (asked.has(path)) continue;
      asked.add(path);
      return path;
    }
  };
}

module.exports = { realisticMix, distinctMix };
