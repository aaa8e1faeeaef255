import { Link } from '@/components/Link';
import { PageHeading } from '@/components/PageHeading';
import { paths } from '@/lib/routes';

export function NotFoundPage() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>
        There is no page at this address. <Link to={paths.myRoles}>Go to My roles</Link>
      </p>
    </>
  );
}
