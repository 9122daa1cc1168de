'use strict';
// The yardstick: a bare node:http + pg server answering GET /directory/members with the same
// SQL as the API (a page of members with their details, and the count), and nothing else: no
// framework, no login check, no validation. The API's throughput is measured against it.
const http = require('node:http');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', () => undefined);

function conditions(params, today, values) {
  const where = ["m.status = 'active'"];
  const add = (v) => {
    values.push(v);
    return `$${values.length}`;
  };
  const q = (params.get('q') || '').trim();
  if (q) {
    const key = q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s\p{P}\p{S}]/gu, '');
    where.push(
      key.length >= 3
        ? `m.name_key like '%' || public.seg_search_key(${add(q)}) || '%'`
        : `m.name_key collate "C" like public.seg_search_key(${add(q)}) || '%'`,
    );
  }
  if (params.get('region')) where.push(`m.region_id = (select id from regions where code = ${add(params.get('region'))})`);
  if (params.get('category')) where.push(`m.category_id = (select id from categories where code = ${add(params.get('category'))})`);
  if (params.get('establishment')) where.push(`exists (select 1 from member_establishments me where me.member_id = m.id and me.establishment_id = ${add(params.get('establishment'))}::uuid)`);
  if (params.get('reps') === 'true') where.push(`exists (select 1 from posts p where p.member_id = m.id and p.starts_on <= ${add(today)}::date and (p.ends_on is null or p.ends_on > ${add(today)}::date))`);
  return where.join(' and ');
}

async function search(params) {
  const today = new Date().toISOString().slice(0, 10);
  const limit = Math.min(Number(params.get('limit')) || 50, 200);
  const pageValues = [today, today];
  const where = conditions(params, today, pageValues);
  pageValues.push(limit + 1);
  const details = (page, total) => `
     select m.id, m.name, m.title, m.email, m.phone, m.bio, m.availability, m.status,
            m.email_visibility as "emailVisibility", m.phone_visibility as "phoneVisibility",
            c.code as "categoryCode", c.name as "categoryName", c.contacts_private_by_default as "categoryPrivate",
            r.code as "regionCode", r.name as "regionName",
            (select coalesce(json_agg(json_build_object('id', e.id, 'code', e.code, 'name', e.name) order by e.name), '[]'::json)
               from member_establishments me join establishments e on e.id = me.establishment_id where me.member_id = m.id) as establishments,
            (select coalesce(json_agg(json_build_object('id', p.id, 'role', p.role, 'regionCode', pr.code) order by p.starts_on, p.id), '[]'::json)
               from posts p left join regions pr on pr.id = p.region_id
              where p.member_id = m.id and p.starts_on <= $1::date and (p.ends_on is null or p.ends_on > $2::date)) as posts,
            page.key, ${total} as total
       from ${page} page
       join members m on m.id = page.id
       left join categories c on c.id = m.category_id
       left join regions r on r.id = m.region_id
      order by page.key, page.id`;
  const q = (params.get('q') || '').trim();
  const selective = (q && q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\s\p{P}\p{S}]/gu, '').length >= 3) || params.get('establishment') || params.get('reps') === 'true';
  let rows;
  let total;
  if (selective) {
    rows = await pool.query(
      `with matched as materialized (select m.id, m.name_key collate "C" as key from members m where ${where})
       ${details(`(select id, key from matched order by key, id limit $${pageValues.length})`, '(select count(*)::int from matched)')}`,
      pageValues,
    );
    total = rows.rows[0]?.total ?? 0;
  } else {
    rows = await pool.query(
      details(
        `(select m.id, m.name_key collate "C" as key from members m where ${where} order by 2, 1 limit $${pageValues.length})`,
        `(select count(*)::int from members m where ${where})`,
      ),
      pageValues,
    );
    total = rows.rows[0]?.total ?? 0;
  }
  const items = rows.rows.slice(0, limit).map((r) => {
    const rep = r.posts.length > 0;
    return {
      id: r.id,
      name: r.name,
      title: r.title,
      category: r.categoryCode ? { code: r.categoryCode, name: r.categoryName } : null,
      region: r.regionCode ? { code: r.regionCode, name: r.regionName } : null,
      establishments: r.establishments,
      email: r.emailVisibility === 'members' || (rep && !r.categoryPrivate) ? r.email : null,
      phone: r.phoneVisibility === 'members' ? r.phone : null,
      bio: r.bio,
      availability: r.availability,
      posts: r.posts,
      isRep: rep,
    };
  });
  return { items, nextCursor: rows.rows.length > limit ? 'more' : null, total };
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/directory/members') {
    res.writeHead(404).end();
    return;
  }
  search(url.searchParams).then(
    (body) => {
      const json = JSON.stringify(body);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) }).end(json);
    },
    (err) => {
      process.stderr.write(`${err.stack}\n`);
      res.writeHead(500).end();
    },
  );
});
server.listen(Number(process.env.PORT) || 0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
