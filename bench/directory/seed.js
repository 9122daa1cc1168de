'use strict';
// 100,000 members with names as varied as the group's: accents, apostrophes, double-barrelled
// surnames; each in a region and category, most working in one or two establishments, a few
// hundred holding posts. Names are stored without titles: "Dr" is the title. The same network is
// seeded into any version's schema (members, member_establishments, posts), so the baseline and
// the API are loaded with the same data.

const FIRST = (
  'Aaron Abigail Adam Aisha Alan Alice Amélie Amir Andrew Aoife Ben Bethan Björn Catrin Charlotte Chloé Chris Ciarán Claire Daniel David ' +
  'Deborah Dylan Eilidh Elena Emma Eoin Fatima François Gareth Grace Hannah Harry Helen Ian Imran Isla Jack James Jane Joanna José ' +
  'Karen Kwame Laura Liam Lucy Mairéad Mark Mary Matthew Meera Michael Mohammed Naomi Niamh Nicola Oliver Olivia Oluwaseun Owen ' +
  'Paul Peter Priya Rachel Rhys Richard Rosa Ruth Sally Sam Sarah Seán Siân Simon Sophie Stephen Susan Tariq Thomas Tomasz Wei Zoë Zoltan'
).split(' ');
const LAST = (
  "Adams|Adeyemi|Ahmed|Ali|Allen|Anderson|Bailey|Baker|Bell|Brown|Byrne|Campbell|Carter|Clarke|Collins|Cook|Costa|D'Arcy|Davies|Dubois|" +
  'Edwards|Evans|Fraser|Green|Griffiths|Hall|Harris|Hassan|Hughes|Jackson|James|Jenkins|Johnson|Jones|Kaur|Kelly|Khan|King|Kowalczyk|' +
  "Lee|Lewis|Llewellyn|MacDonald|Martin|McAllister|McCarthy|Mensah|Mitchell|Moore|Morgan|Morris|Murphy|Nowak|O'Brien|O'Connor|O'Neill|" +
  'Okafor|Owen|Parker|Patel|Phillips|Price|Pryce|Rahman|Reid|Roberts|Robinson|Ross|Scott|Shah|Singh|Smith|Stewart|Taylor|Thomas|' +
  'Thompson|Turner|Walker|Ward|Watson|White|Williams|Wilson|Wood|Wright|Young|Ó Súilleabháin|Ní Bhriain'
).split('|');

/** A small deterministic generator, so every run seeds the same network. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seedMembers(client, count) {
  const random = prng(42);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const regions = (await client.query('select id, code from regions order by code')).rows;
  const categories = (await client.query('select id, code from categories order by code')).rows;
  const establishments = (await client.query('select id, region_id from establishments order by name, code, postcode'))
    .rows;
  const byRegion = new Map(regions.map((r) => [r.id, establishments.filter((e) => e.region_id === r.id)]));

  const batch = 5000;
  for (let start = 0; start < count; start += batch) {
    const rows = { email: [], name: [], title: [], category: [], region: [], phone: [], emailVis: [], phoneVis: [] };
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const last = random() < 0.08 ? `${pick(LAST)}-${pick(LAST)}` : pick(LAST);
      rows.title.push(random() < 0.4 ? 'Dr' : null);
      rows.name.push(`${pick(FIRST)} ${last}`);
      rows.email.push(`bench.member.${i}@example.org`);
      rows.category.push(pick(categories).id);
      rows.region.push(pick(regions).id);
      rows.phone.push(`07700 9${String(i % 100000).padStart(5, '0')}`);
      rows.emailVis.push(random() < 0.7 ? 'members' : 'secretariat');
      rows.phoneVis.push(random() < 0.5 ? 'members' : 'secretariat');
    }
    const inserted = await client.query(
      `insert into members (email, name, title, category_id, region_id, phone, email_visibility, phone_visibility, status)
       select e, n, ti, c, r, p, ev, pv, 'active'
         from unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[]) as t(e, n, ti, c, r, p, ev, pv)
       returning id, region_id, email`,
      [rows.email, rows.name, rows.title, rows.category, rows.region, rows.phone, rows.emailVis, rows.phoneVis],
    );
    const links = { member: [], establishment: [] };
    // In the order written, whatever order the database returns them in: every version gets the same links.
    const byEmail = new Map(inserted.rows.map((m) => [m.email, m]));
    for (const m of rows.email.map((e) => byEmail.get(e))) {
      const local = byRegion.get(m.region_id) ?? [];
      const n = local.length ? Math.floor(random() * 3) : 0;
      const chosen = new Set();
      for (let k = 0; k < n; k++) chosen.add(pick(local).id);
      for (const id of chosen) {
        links.member.push(m.id);
        links.establishment.push(id);
      }
    }
    await client.query(
      'insert into member_establishments (member_id, establishment_id) select * from unnest($1::uuid[], $2::uuid[]) on conflict do nothing',
      [links.member, links.establishment],
    );
  }

  // A few hundred reps: most spokes have two or three, some none; the hub has six.
  const sample = (
    await client.query("select id, region_id from members where email like 'bench.member.%' order by email limit 2000")
  ).rows;
  const gaps = new Set(regions.slice(0, 2).map((r) => r.id));
  const posts = { member: [], region: [], role: [] };
  for (const [i, m] of sample.entries()) {
    if (i < 6) {
      posts.member.push(m.id);
      posts.region.push(null);
      posts.role.push(['Chair', 'Vice chair', 'Secretary', 'National lead', 'National lead', 'Treasurer'][i]);
    } else if (!gaps.has(m.region_id) && i % 7 === 0) {
      posts.member.push(m.id);
      posts.region.push(m.region_id);
      posts.role.push(i % 3 ? 'Regional lead' : 'Deputy lead');
    }
  }
  await client.query(
    `insert into posts (member_id, region_id, role, starts_on) select m, r, ro, date '2022-01-01' from unnest($1::uuid[], $2::uuid[], $3::text[]) as t(m, r, ro)`,
    [posts.member, posts.region, posts.role],
  );
  await client.query('vacuum analyze');
  return {
    regions: regions.map((r) => r.code),
    categories: categories.map((c) => c.code),
    establishments: establishments.map((e) => e.id),
    posts: posts.member.length,
  };
}

module.exports = { seedMembers, FIRST, LAST, prng };
