import { chainLinks, chainSummary, useGrantChain, type GrantStepData } from '@/lib/explain';
import { ExplanationDialog } from './ExplanationDialog';
import { QueryResult } from './QueryResult';

export interface RoleToExplain {
  id: string;
  /** "End user in Claims Team (Provider Organization XYZ)". */
  description: string;
  /** Whose role it is, when it is not the viewer's own. */
  holderName?: string;
}

/** The chain as an ordered path: the role first, each next link the authority of the one before. */
export function GrantChainPath({ chain }: { chain: readonly GrantStepData[] }) {
  const links = chainLinks(chain);
  return (
    <>
      <p className="ds-u-margin-top--0" data-testid="grant-chain-summary">
        {chainSummary(chain)}
      </p>
      <ol className="iacs-chain" aria-label="From this role back to the CMS help desk" data-testid="grant-chain">
        {links.map((link, index) => (
          <li key={link.key} className="iacs-chain__link" data-step={index + 1}>
            <p className="ds-u-margin-y--0">
              <strong>{link.role}</strong> — held by {link.holder}
            </p>
            <p className="ds-u-margin-y--0">{link.grant}</p>
            {link.authority !== null && <p className="ds-u-margin-y--0">{link.authority}</p>}
            <p className="ds-u-margin-y--0 ds-u-font-size--sm">Rule: {link.rule}</p>
          </li>
        ))}
      </ol>
    </>
  );
}

/** "Why do I have this?": who approved the role, in which request, on what authority, back to the help desk. */
export function ExplainRoleDialog({ role, onClose }: { role: RoleToExplain | null; onClose: () => void }) {
  const chain = useGrantChain(role?.id ?? null);
  const heading = role?.holderName === undefined ? 'Why you have this role' : `Why ${role.holderName} has this role`;
  return (
    <ExplanationDialog isOpen={role !== null} heading={heading} onClose={onClose}>
      {role !== null && (
        <>
          <p>
            <strong>{role.description}</strong>
          </p>
          <QueryResult query={chain} loading="Reading the chain of approvals…" what="the chain of approvals">
            {(explained) =>
              explained == null ? (
                <p>This role no longer exists, or it is not yours to see.</p>
              ) : (
                <GrantChainPath chain={explained.grantChain} />
              )
            }
          </QueryResult>
        </>
      )}
    </ExplanationDialog>
  );
}
