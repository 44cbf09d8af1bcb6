/** An agency's phone-book page: kind, numbers, areas served and its active practitioners. */
import { error } from '@sveltejs/kit';
import { executeGraphQL } from '$lib/server/graphql/execute';
import type { PageServerLoad } from './$types';

const STAFF_SHOWN = 200;

const QUERY = `query AgencyPage($id: ID!, $staff: Int!) {
  agencies(where: { id: { eq: $id } }, limit: 1) {
    id name kind phone email dutyPhone sensitive
    areas(limit: 200) { code name level }
  }
  agencyStaff(agencyId: $id, limit: $staff) {
    total
    practitioners { id name jobTitle phone email }
  }
}`;

interface AgencyPage {
  agencies: {
    id: string;
    name: string;
    kind: string;
    phone: string | null;
    email: string | null;
    dutyPhone: string | null;
    sensitive: boolean;
    areas: { code: string; name: string; level: string }[];
  }[];
  agencyStaff: {
    total: number;
    practitioners: {
      id: string;
      name: string;
      jobTitle: string | null;
      phone: string | null;
      email: string | null;
    }[];
  } | null;
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const data = await executeGraphQL<AgencyPage>(locals.viewer, QUERY, {
    id: params.id,
    staff: STAFF_SHOWN
  });
  const agency = data.agencies[0];
  if (!agency) error(404, 'There is no such agency in the phone book.');
  const areas = [...agency.areas].sort(
    (a, b) =>
      (a.level === b.level ? 0 : a.level === 'DISTRICT' ? -1 : 1) || a.name.localeCompare(b.name)
  );
  return {
    agency: { ...agency, areas },
    staff: data.agencyStaff ?? { total: 0, practitioners: [] }
  };
};
