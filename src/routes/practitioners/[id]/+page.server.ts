/**
 * A practitioner's phone-book page: job title, agency, phone, email and areas. Never their clients
 * or teams: the GraphQL Practitioner type has no such field (a restricted membership would show).
 */
import { error } from '@sveltejs/kit';
import { executeGraphQL } from '$lib/server/graphql/execute';
import type { PageServerLoad } from './$types';

const QUERY = `query PractitionerPage($id: ID!) {
  practitioners(where: { id: { eq: $id } }, limit: 1) {
    id name jobTitle phone email
    agency { id name kind phone dutyPhone sensitive }
    areas(limit: 100) { code name level }
  }
}`;

interface PractitionerPage {
  practitioners: {
    id: string;
    name: string;
    jobTitle: string | null;
    phone: string | null;
    email: string | null;
    agency: {
      id: string;
      name: string;
      kind: string;
      phone: string | null;
      dutyPhone: string | null;
      sensitive: boolean;
    } | null;
    areas: { code: string; name: string; level: string }[];
  }[];
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const data = await executeGraphQL<PractitionerPage>(locals.viewer, QUERY, { id: params.id });
  const practitioner = data.practitioners[0];
  if (!practitioner) error(404, 'There is no such practitioner in the phone book.');
  // Chosen and client-allocated areas can name the same place twice: once each, by name.
  const areas = [...new Map(practitioner.areas.map((a) => [a.code, a])).values()].sort((a, b) =>
    a.name.localeCompare(b.name)
  );
  return { practitioner: { ...practitioner, areas } };
};
