// A client generated from the served OpenAPI document (out/enlace.d.ts, openapi-typescript),
// called through openapi-fetch: what an integrating developer would write. tsc checks the
// paths, bodies and replies against the document; running it checks them against the server.
import createClient from 'openapi-fetch';
import type { paths } from '../out/enlace.js';

// Node's environment, declared here rather than pulling in @types/node for one line.
declare const process: { env: Record<string, string | undefined> };

const baseUrl = process.env.ENLACE_URL!;
const password = process.env.ENLACE_DEMO_PASSWORD ?? 'demo-password-2026';

const api = createClient<paths>({ baseUrl });

const signIn = await api.POST('/api/v1/auth/login', {
  body: { username: 'legazpi.caseworker', password },
});
if (!signIn.data) throw new Error(`sign-in failed: ${JSON.stringify(signIn.error)}`);
const token: string = signIn.data.token;
console.log(`signed in as ${signIn.data.user.username} until ${signIn.data.expires_at}`);

const headers = { Authorization: `Bearer ${token}` };
const territories = await api.GET('/api/v1/territories', { headers });
const territory = territories.data?.items[0];
if (!territory) throw new Error(`no territory: ${JSON.stringify(territories.error)}`);
const created = await api.POST('/api/v1/cases', {
  headers,
  body: {
    territory_id: territory.id,
    person: { given_name: 'Generated', family_name: 'Client', estimated_age: 30, sex: 'female', nationality: 'VE' },
    notes: 'Registered by the client generated from the OpenAPI document',
  },
});
if (!created.data) throw new Error(`case create failed: ${JSON.stringify(created.error)}`);
console.log(`case ${created.data.id} registered, status ${created.data.status}`);

const read = await api.GET('/api/v1/cases/{id}', { headers, params: { path: { id: created.data.id } } });
if (read.data?.person.family_name !== 'Client') throw new Error(`case read back wrong: ${JSON.stringify(read)}`);
console.log('read back: OK');
