// A small in-memory stand-in for `enlace serve`, for developing the UI and running the journeys
// before the real server has every endpoint (ENLACE_MOCK=1). It follows shared/API.md; the real
// server is the reference, and the journeys are meant to run against it (ENLACE_BINARY).
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { join, extname, normalize } from 'node:path';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png' };
const fold = (s) => String(s || '').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const hours = (h) => new Date(Date.now() + h * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');

function seed() {
  const T = (id, name, level, parent_id, code) => ({ id, name, level, parent_id, code, version: 1 });
  const territories = [T('t-ph', 'Philippines', 'country', null, 'PH'), T('t-albay', 'Albay', 'province', 't-ph', 'PH-ALB'), T('t-legazpi', 'Legazpi City', 'municipality', 't-albay'),
    T('t-ec', 'Ecuador', 'country', null, 'EC'), T('t-pichincha', 'Pichincha', 'province', 't-ec', 'EC-P'), T('t-quito', 'Quito', 'municipality', 't-pichincha'),
    T('t-imbabura', 'Imbabura', 'province', 't-ec', 'EC-I'), T('t-ibarra', 'Ibarra', 'municipality', 't-imbabura')];
  const O = (id, name, kind, territory_id, extra = {}) => ({ id, name, kind, territory_id, version: 1, ...extra });
  const organizations = [O('o-legazpi', 'Legazpi OFW Help Desk', 'help_desk', 't-legazpi', { email: 'helpdesk@legazpi.example', phone: '+63 52 000 0000' }),
    O('o-pichincha', 'Oficina de Movilidad Humana de Pichincha', 'municipal_office', 't-quito', { email: 'movilidad@pichincha.example' }),
    O('o-shelter', 'Casa de Acogida Quito', 'civil_society', 't-quito', { email: 'acogida@shelter.example', phone: '+593 2 000 0000' }),
    O('o-unhcr', 'ACNUR Quito', 'international_organization', 't-quito', { phone: '+593 2 111 1111' }),
    O('o-network', 'Mesa de Movilidad Humana', 'municipal_office', 't-pichincha'), O('o-system', 'Enlace network', 'municipal_office', 't-ec')];
  const categories = ['shelter', 'documentation', 'employment', 'health', 'mental_health', 'food', 'legal_aid', 'education', 'language', 'financial_services', 'protection', 'housing']
    .map((code) => ({ code, name: code.replace('_', ' ').replace(/^./, (c) => c.toUpperCase()) }));
  const U = (username, display_name, roles, organization_id) => ({ id: `u-${username}`, username, display_name, roles, organization_id, active: true, version: 1, created_at: now() });
  const users = [U('sysadmin', 'System Admin', ['system_admin'], null), U('legazpi.caseworker', 'Maria Santos', ['caseworker'], 'o-legazpi'),
    U('legazpi.admin', 'Jose Rizal Cruz', ['org_admin'], 'o-legazpi'), U('pichincha.caseworker', 'Lucía Andrade', ['caseworker'], 'o-pichincha'),
    U('shelter.partner', 'Carmen Vega', ['partner'], 'o-shelter'), U('unhcr.partner', 'Paul Martin', ['partner'], 'o-unhcr'),
    U('coordinator', 'Diego Coordinador', ['coordinator'], 'o-network'), U('auditor', 'Ana Auditora', ['auditor'], null)];
  const S = (id, organization_id, category, name, extra = {}) => ({ id, organization_id, category, name, languages: ['es'], territory_ids: ['t-quito'], status: 'active', accepting: true,
    required_documents: [], version: 1, last_verified_at: '2026-10-01T00:00:00Z', ...extra });
  const services = [S('s-shelter', 'o-shelter', 'shelter', 'Albergue temporal', { capacity: 40, hours: 'Lunes a domingo, 24 horas', how_to_apply: 'Presentarse en recepción con esta hoja', required_documents: ['Documento de identidad si lo tiene'] }),
    S('s-unhcr-shelter', 'o-unhcr', 'shelter', 'Alojamiento de emergencia', { expected_wait_days: 3, languages: ['es', 'en', 'fr'], territory_ids: ['t-pichincha'], capacity: 12 }),
    S('s-unhcr-legal', 'o-unhcr', 'legal_aid', 'Orientación legal y registro', { languages: ['es', 'en'], territory_ids: ['t-ec'], required_documents: ['Pasaporte o cédula'] }),
    S('s-legazpi-emp', 'o-legazpi', 'employment', 'OFW reintegration counselling', { languages: ['fil', 'en'], territory_ids: ['t-albay'], last_verified_at: '2025-01-10T00:00:00Z' })];
  return { territories, organizations, categories, users, services, cases: [], referrals: [], messages: [], audit: [], sessions: new Map(),
    standards: { hours: { emergency: 4, high: 24, normal: 72 }, by_category: { shelter: { emergency: 2 } } }, streams: new Set(), eventId: 0 };
}

export async function startMock({ webRoot, port = 0 } = {}) {
  const db = seed();
  const audit = (actor, action, entity, entity_id, outcome = 'ok') => {
    const prev = db.audit.length ? db.audit[db.audit.length - 1].hash : '0'.repeat(64);
    const ev = { id: `a${db.audit.length + 1}`, at: now(), user_id: actor && actor.id, username: actor && actor.username, role: actor && actor.roles[0], organization_id: actor && actor.organization_id, action, entity, entity_id, outcome, address: '127.0.0.1', request_id: randomUUID().slice(0, 8) };
    ev.hash = createHash('sha256').update(prev + JSON.stringify(ev)).digest('hex');
    db.audit.push(ev);
  };
  const publish = (type, r) => {
    const data = JSON.stringify({ referral_id: r.id, status: r.status });
    db.eventId++;
    for (const s of db.streams) if (s.org === r.from_organization_id || s.org === r.to_organization_id) s.res.write(`id: ${db.eventId}\nevent: ${type}\ndata: ${data}\n\n`);
  };
  const ancestors = (tid) => { const out = []; let t = db.territories.find((x) => x.id === tid); while (t) { out.push(t.id); t = db.territories.find((x) => x.id === t.parent_id); } return out; };
  const descendants = (tid) => { const out = [tid]; for (let i = 0; i < out.length; i++) db.territories.filter((x) => x.parent_id === out[i]).forEach((x) => out.push(x.id)); return out; };
  const overdue = (r) => ['requested', 'received'].includes(r.status) && r.respond_by < now();
  const suppress = (n) => (n >= 1 && n <= 4 ? '<5' : n);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (status, body, headers = {}) => {
      const h = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store', ...headers };
      if (body === undefined) { res.writeHead(status, h); res.end(); return; }
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json', ...h });
      res.end(text);
    };
    const problem = (status, code, detail, errors) => send(status, { type: `/problems/${code}`, title: code.replace(/-/g, ' '), status, detail, ...(errors ? { errors } : {}) }, { 'Content-Type': 'application/problem+json' });
    if (!url.pathname.startsWith('/api/')) {
      let p = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
      if (p === '/') p = '/index.html';
      try {
        const data = await readFile(join(webRoot, p));
        res.writeHead(200, { 'Content-Type': TYPES[extname(p)] || 'application/octet-stream', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': p.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache' });
        res.end(data);
      } catch { res.writeHead(404); res.end('not found'); }
      return;
    }
    let body = {};
    if (req.method !== 'GET') {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      const raw = Buffer.concat(chunks).toString();
      if (raw) { try { body = JSON.parse(raw); } catch { return problem(400, 'malformed', 'Body is not JSON.'); } }
    }
    const cookie = /enlace_session=([^;]+)/.exec(req.headers.cookie || '');
    const actor = cookie ? db.sessions.get(cookie[1]) : null;
    const p = url.pathname.replace(/^\/api\/v1/, '');
    const q = Object.fromEntries(url.searchParams);
    const seg = p.split('/').filter(Boolean);
    const list = (items) => send(200, { items, next_cursor: null });

    if (p === '/auth/login' && req.method === 'POST') {
      const u = db.users.find((x) => x.username === body.username);
      if (!u || body.password !== 'demo-password-2026') return problem(401, 'unauthorized', 'Wrong username or password.');
      const token = randomUUID();
      db.sessions.set(token, u);
      audit(u, 'auth.login', 'user', u.id);
      return send(200, { token, expires_at: hours(12), user: u, demo: true }, { 'Set-Cookie': `enlace_session=${token}; Path=/; HttpOnly; SameSite=Strict` });
    }
    if (!actor) return problem(401, 'unauthorized', 'Sign in first.');
    if (req.method !== 'GET' && req.headers['x-requested-with'] !== 'enlace') return problem(403, 'csrf', 'Send X-Requested-With: enlace.');
    const org = actor.organization_id;
    const is = (r) => actor.roles.includes(r);

    if (p === '/auth/logout') { db.sessions.delete(cookie[1]); return send(204); }
    if (p === '/me') return send(200, actor);
    if (p === '/events') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'Content-Security-Policy': CSP });
      res.write(': hello\n\n');
      const s = { org, res };
      db.streams.add(s);
      req.on('close', () => db.streams.delete(s));
      return undefined;
    }
    if (p === '/territories') { if (req.method === 'POST') { const t = { id: `t-${randomUUID().slice(0, 6)}`, version: 1, ...body }; db.territories.push(t); return send(201, t); } return list(db.territories); }
    if (p === '/categories') { if (req.method === 'POST') { db.categories.push(body); return send(201, body); } return list(db.categories); }
    if (p === '/organizations') { if (req.method === 'POST') { const o = { id: `o-${randomUUID().slice(0, 6)}`, version: 1, ...body }; db.organizations.push(o); return send(201, o); } return list(db.organizations); }
    if (seg[0] === 'organizations' && seg[1]) {
      const o = db.organizations.find((x) => x.id === seg[1]);
      if (!o) return problem(404, 'not-found', '');
      if (req.method === 'PATCH') { Object.assign(o, body); o.version++; }
      return send(200, o);
    }
    if (p === '/settings/response-standards') { if (req.method === 'PUT') db.standards = body; return send(200, db.standards); }
    if (p === '/users') {
      if (req.method === 'POST') {
        const errors = [];
        if (!body.username) errors.push({ field: 'username', message: 'is required' });
        if (!body.password || body.password.length < 12) errors.push({ field: 'password', message: 'must be 12 to 128 characters' });
        if (errors.length) return problem(422, 'invalid', 'Fix the fields.', errors);
        const u = { id: `u-${body.username}`, active: true, version: 1, created_at: now(), ...body, organization_id: body.organization_id || org };
        delete u.password;
        db.users.push(u);
        return send(201, u);
      }
      return list(db.users.filter((u) => is('system_admin') || u.organization_id === org));
    }
    if (seg[0] === 'users' && seg[1]) { const u = db.users.find((x) => x.id === seg[1]); Object.assign(u, body); u.version++; return send(200, u); }
    if (p === '/services') {
      if (req.method === 'POST') { const s = { id: `s-${randomUUID().slice(0, 6)}`, version: 1, ...body }; db.services.push(s); return send(201, s); }
      let l = db.services;
      if (q.category) l = l.filter((s) => s.category === q.category);
      if (q.territory) { const anc = ancestors(q.territory); l = l.filter((s) => s.territory_ids.some((t) => anc.includes(t))); }
      if (q.accepting === 'true') l = l.filter((s) => s.accepting && s.status === 'active');
      return list(l);
    }
    if (seg[0] === 'services' && seg[1]) {
      const s = db.services.find((x) => x.id === seg[1]);
      if (!s) return problem(404, 'not-found', '');
      if (req.method === 'PATCH') { if (String(s.version) !== String(req.headers['if-match'] || '').replace(/"/g, '')) return problem(412, 'stale', ''); Object.assign(s, body); s.version++; }
      return send(200, s);
    }
    if (p === '/cases' && req.method === 'POST') {
      const errors = [];
      const pe = body.person || {};
      if (!pe.given_name) errors.push({ field: 'person.given_name', message: 'is required' });
      if (!pe.birth_date && pe.estimated_age === undefined) errors.push({ field: 'person.birth_date', message: 'give birth_date or estimated_age' });
      if (pe.birth_date && pe.birth_date > now().slice(0, 10)) errors.push({ field: 'person.birth_date', message: 'is in the future' });
      if (!/^[A-Z]{2}$/.test(pe.nationality || '')) errors.push({ field: 'person.nationality', message: 'must be ISO 3166-1 alpha-2' });
      if (!body.territory_id) errors.push({ field: 'territory_id', message: 'is required' });
      (body.needs || []).forEach((n, i) => { if (!n.category) errors.push({ field: `needs[${i}].category`, message: 'is required' }); });
      if (errors.length) return problem(422, 'invalid', 'Some fields need attention.', errors);
      const dup = db.cases.find((c) => c.organization_id === org && fold(c.person.given_name) === fold(pe.given_name) && fold(c.person.family_name) === fold(pe.family_name));
      const c = { id: `c-${randomUUID().slice(0, 8)}`, organization_id: org, status: 'open', version: 1, created_at: now(), consents: [], ...body, needs: (body.needs || []).map((n, i) => ({ id: `n${i}`, ...n })) };
      db.cases.push(c);
      audit(actor, 'case.create', 'case', c.id);
      return send(201, { ...c, warnings: dup ? [{ code: 'possible_duplicate', case_id: dup.id }] : [] });
    }
    if (p === '/cases') {
      let l = db.cases.filter((c) => c.organization_id === org);
      if (q.status) l = l.filter((c) => c.status === q.status);
      if (q.q) l = l.filter((c) => fold(`${c.person.given_name} ${c.person.family_name}`).includes(fold(q.q)));
      return list(l);
    }
    if (seg[0] === 'cases' && seg[1]) {
      const c = db.cases.find((x) => x.id === seg[1] && x.organization_id === org);
      if (!c) return problem(404, 'not-found', '');
      if (seg[2] === 'consents' && seg[4] === 'withdraw') { const k = c.consents.find((x) => x.id === seg[3]); k.withdrawn_at = now(); k.status = 'withdrawn'; return send(200, k); }
      if (seg[2] === 'consents') {
        const k = { id: `k-${randomUUID().slice(0, 6)}`, recorded_at: now(), recorded_by: actor.id, status: 'active', expires_at: body.expires_at || hours(24 * 365), ...body };
        c.consents.push(k); audit(actor, 'consent.record', 'case', c.id); return send(201, k);
      }
      if (seg[2] === 'close') { c.status = 'closed'; return send(200, c); }
      if (seg[2] === 'disclosures') {
        const refs = db.referrals.filter((r) => r.case_id === c.id).map((r) => ({ referral_id: r.id, sent_at: r.created_at, to_organization_id: r.to_organization_id, category: r.category, fields: r.shared_fields, legal_basis: r.legal_basis, consent: c.consents.find((k) => k.id === r.consent_id) }));
        const reads = db.audit.filter((a) => a.entity_id === c.id && a.action === 'case.read').map((a) => ({ at: a.at, username: a.username, organization_id: a.organization_id, action: a.action }));
        return send(200, { referrals: refs, reads });
      }
      audit(actor, 'case.read', 'case', c.id);
      return send(200, c);
    }
    const view = (r) => {
      const base = { ...r, overdue: overdue(r) };
      if (r.to_organization_id === org && r.from_organization_id !== org) { delete base.case_id; delete base.shared_fields; }
      return base;
    };
    if (p === '/referrals' && req.method === 'POST') {
      const c = db.cases.find((x) => x.id === body.case_id && x.organization_id === org);
      if (!c) return problem(422, 'invalid', '', [{ field: 'case_id', message: 'unknown case' }]);
      const errors = [];
      if (!body.reason) errors.push({ field: 'reason', message: 'is required' });
      const consent = c.consents.find((k) => k.status === 'active' && (k.categories || []).includes(body.category) && (k.organizations || []).includes(body.to_organization_id));
      if (!consent && body.legal_basis !== 'vital_interest') errors.push({ field: 'legal_basis', message: 'no active consent covers this receiver and category' });
      if (errors.length) return problem(422, 'invalid', 'The referral cannot be sent.', errors);
      const shared = {};
      for (const f of body.shared_fields || []) shared[f] = f === 'needs' ? c.needs.map(({ category, urgency, note }) => ({ category, urgency, note })) : f === 'specific_needs' ? c.specific_needs : c.person[f];
      const h = db.standards.by_category?.[body.category]?.[body.urgency] ?? db.standards.hours[body.urgency];
      const r = { id: `r-${randomUUID().slice(0, 8)}`, version: 1, from_organization_id: org, created_at: now(), updated_at: now(), respond_by: hours(h), consent_id: consent && consent.id, shared, ...body,
        history: [{ to: body.status, at: now(), by_display_name: actor.display_name }] };
      db.referrals.push(r);
      audit(actor, 'referral.create', 'referral', r.id);
      publish('referral.created', r);
      return send(201, view(r));
    }
    if (p === '/referrals') {
      let l = db.referrals.filter((r) => (q.box === 'inbox' ? r.to_organization_id === org && r.status !== 'draft' : r.from_organization_id === org));
      if (q.status) l = l.filter((r) => r.status === q.status);
      if (q.overdue === 'true') l = l.filter(overdue);
      return list(l.map(view));
    }
    if (seg[0] === 'referrals' && seg[1]) {
      const r = db.referrals.find((x) => x.id === seg[1] && (x.from_organization_id === org || x.to_organization_id === org));
      if (!r) return problem(404, 'not-found', '');
      if (seg[2] === 'messages') {
        if (req.method === 'POST') {
          if (!body.body) return problem(422, 'invalid', '', [{ field: 'body', message: 'is required' }]);
          const m = { id: randomUUID(), referral_id: r.id, body: body.body, organization_id: org, author_display_name: actor.display_name, created_at: now() };
          db.messages.push(m); publish('referral.message', r); return send(201, m);
        }
        return list(db.messages.filter((m) => m.referral_id === r.id));
      }
      if (seg[2] === 'alternatives') {
        const c = db.cases.find((x) => x.id === r.case_id);
        const anc = ancestors(c.territory_id);
        return list(db.services.filter((s) => s.category === r.category && s.accepting && s.id !== r.service_id && s.territory_ids.some((t) => anc.includes(t))));
      }
      if (seg[2] === 'transitions') {
        if (String(r.version) !== String(req.headers['if-match'] || '').replace(/"/g, '')) return problem(412, 'stale', 'The referral changed.');
        const sender = r.from_organization_id === org;
        const allowed = { draft: { requested: 's' }, requested: { received: 'r', accepted: 'r', rejected: 'r', cancelled: 's' }, received: { accepted: 'r', rejected: 'r', cancelled: 's' },
          accepted: { 'in-progress': 'r', cancelled: 's', completed: 'r', failed: 'r' }, 'in-progress': { 'on-hold': 'r', completed: 'r', failed: 'r' }, 'on-hold': { 'in-progress': 'r', completed: 'r', failed: 'r' } };
        const side = (allowed[r.status] || {})[body.to];
        if (!side || (side === 's') !== sender) return problem(409, 'illegal-transition', `${r.status} -> ${body.to} is not allowed.`);
        if (body.to === 'rejected' && !body.reason_code) return problem(422, 'invalid', '', [{ field: 'reason_code', message: 'is required' }]);
        if ((body.to === 'completed' || body.to === 'failed') && !body.outcome_code) return problem(422, 'invalid', '', [{ field: 'outcome_code', message: 'is required' }]);
        if (body.to === 'cancelled' && !body.reason) return problem(422, 'invalid', '', [{ field: 'reason', message: 'is required' }]);
        r.status = body.to; r.version++; r.updated_at = now();
        r.history.push({ to: body.to, at: now(), by_display_name: actor.display_name, reason_code: body.reason_code, reason: body.reason, outcome_code: body.outcome_code, outcome: body.outcome });
        audit(actor, `referral.${body.to}`, 'referral', r.id);
        publish('referral.updated', r);
        return send(200, view(r));
      }
      audit(actor, 'referral.read', 'referral', r.id);
      return send(200, view(r));
    }
    if (p === '/stats/gaps') {
      const scope = q.territory ? descendants(q.territory) : db.territories.map((t) => t.id);
      const cats = [...new Set([...db.cases.flatMap((c) => c.needs.map((n) => n.category)), ...db.referrals.map((r) => r.category), ...db.services.map((s) => s.category)])].filter((c) => !q.category || c === q.category);
      const categories = cats.map((cat) => {
        const cs = db.cases.filter((c) => scope.includes(c.territory_id) && c.needs.some((n) => n.category === cat));
        const rs = db.referrals.filter((r) => r.category === cat && cs.some((c) => c.id === r.case_id));
        const by = (k) => rs.reduce((m, r) => { if (r[k]) m[r[k]] = suppress((typeof m[r[k]] === 'number' ? m[r[k]] : 0) + 1); return m; }, {});
        const rej = {}; rs.filter((r) => r.status === 'rejected').forEach((r) => { const code = r.history.at(-1).reason_code; rej[code] = (rej[code] || 0) + 1; });
        const unmet = cs.filter((c) => !rs.some((r) => r.case_id === c.id && !['rejected', 'cancelled', 'failed'].includes(r.status))).length;
        const sv = db.services.filter((s) => s.category === cat && s.accepting && s.territory_ids.some((t) => scope.includes(t) || ancestors(scope[0]).includes(t)));
        return { category: cat, demand: suppress(cs.length), referrals: by('status'), rejections: Object.fromEntries(Object.entries(rej).map(([k, v]) => [k, suppress(v)])), unmet: suppress(unmet),
          response_hours: { median: rs.length ? 1.5 : null, p90: rs.length ? 3 : null }, overdue: suppress(rs.filter(overdue).length), supply: { services: sv.length, capacity: sv.reduce((a, s) => a + (s.capacity || 0), 0) } };
      });
      const reply = { from: q.from, to: q.to, territory_id: q.territory || null, categories, weekly: [{ week: '2026-W46', demand: 6, referrals: '<5' }, { week: '2026-W47', demand: 9, referrals: 7 }, { week: '2026-W48', demand: db.cases.length, referrals: suppress(db.referrals.length) }],
        territories: [{ territory_id: 't-quito', demand: suppress(db.cases.filter((c) => c.territory_id === 't-quito').length), unmet: 0 }, { territory_id: 't-ibarra', demand: 0, unmet: 0 }] };
      if (q.by) { reply.by = q.by; reply.groups = [{ group: q.by === 'sex' ? 'female' : q.by === 'age_group' ? '18-59' : 'VE', categories: categories.map((c) => ({ category: c.category, demand: c.demand })) }]; }
      if ((req.headers.accept || '').includes('text/csv')) {
        const csv = ['category,demand,unmet,overdue,services', ...categories.map((c) => [c.category, c.demand, c.unmet, c.overdue, c.supply.services].join(','))].join('\n') + '\n';
        res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Security-Policy': CSP }); res.end(csv); return undefined;
      }
      return send(200, reply);
    }
    if (p === '/audit') return list([...db.audit].reverse().filter((a) => (!q.action || a.action.includes(q.action)) && (!q.actor || (a.username || '').includes(q.actor))));
    if (p === '/audit/verify') return send(200, { ok: true, events: db.audit.length, head: db.audit.length ? db.audit.at(-1).hash : '0'.repeat(64) });
    return problem(404, 'not-found', `No route ${p}`);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((r) => { for (const s of db.streams) s.res.end(); server.closeAllConnections?.(); server.close(r); }) };
}

if (process.argv[1] && process.argv[1].endsWith('mock-server.mjs')) {
  const webRoot = process.env.WEB_ROOT || new URL('../../../web/dist', import.meta.url).pathname;
  startMock({ webRoot, port: Number(process.env.PORT || 0) }).then(({ url }) => console.log(`listening on ${url}`));
}
