// Whether this server keeps a mail log to read (development only: `mailLog` is null in production),
// so that the header offers the page only where it works.
import { useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import { execute } from './execute';

const MailLogAvailableDocument = graphql(`
  query MailLogAvailable {
    mailLog(first: 0) {
      subject
    }
  }
`);

export function useMailLogAvailable(enabled: boolean) {
  return useQuery({
    queryKey: ['mail-log-available'],
    queryFn: async () => (await execute(MailLogAvailableDocument)).mailLog !== null,
    enabled,
    // The server's mode does not change while the page is open.
    staleTime: Infinity,
  });
}
