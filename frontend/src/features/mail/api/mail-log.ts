import { useQuery } from '@tanstack/react-query';
import { graphql } from '@/gql';
import type { MailLogQuery } from '@/gql/graphql';
import { execute } from '@/lib/execute';

const MailLogDocument = graphql(`
  query MailLog($first: Int) {
    mailLog(first: $first) {
      to
      subject
      body
      template
      createdAt
      sentAt
      attempts
      lastError
    }
  }
`);

export type MailMessage = NonNullable<MailLogQuery['mailLog']>[number];

/** Development only: the viewer's newest notifications; null when the server runs in production. */
export function useMailLog(first: number) {
  return useQuery({
    queryKey: ['mail-log', first],
    queryFn: async () => (await execute(MailLogDocument, { first })).mailLog,
    staleTime: 0,
  });
}
