// The document GraphiQL opens with the first time (afterwards it keeps your own tabs in this browser).
export const defaultQuery = `# IACS GraphQL API, signed in as you: the requests carry this browser's session cookie.
#
# Not signed in? \`viewer\` is null and most fields say "Sign in first". Sign in to the app
# in this browser (/sign-in), or run this mutation here (it sets the session cookie):
#
#   mutation SignIn {
#     signIn(input: { login: "you@example.org", password: "your password" }) {
#       viewer { name email }
#       errors { code message }
#     }
#   }
#
# To act as a script would, with a personal API token instead (make one on your profile page;
# it is shown once), put it in the Headers tab below and run again:
#
# { "Authorization": "Bearer iacs_your-token" }
#
# From a terminal, the same request with curl (the token in $IACS_TOKEN):
# curl -s https://this-server/graphql -H "Authorization: Bearer $IACS_TOKEN" -H "Content-Type: application/json" -d '{"query": "{ viewer { name } }"}'
#
# Run an operation with the ▶ button (or Ctrl-Enter) and pick it from the list.
# The Docs and Explorer buttons on the left show every type and field.

# Who you are and the roles you hold.
query Me {
  viewer {
    userId
    name
    email
    roles {
      role
      status
      certifyBy
      organization { legalBusinessName }
      userGroup { name }
    }
  }
}

# The requests you may approve or deny, oldest first.
query MyApprovalQueue {
  approvalQueue(first: 10) {
    totalCount
    edges {
      node {
        trackingNumber
        kind
        createdAt
        requester { name email }
        organization { legalBusinessName }
        canDecide
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}

# Approved organizations whose name or city contains the text (or whose NPI starts with it).
query FindOrganizations {
  organizations(search: "health", first: 10) {
    totalCount
    edges {
      node {
        legalBusinessName
        npi
        city
        state
        securityOfficial { name }
      }
    }
  }
}
`;
