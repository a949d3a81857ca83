package io.hostdns.core.search;

import io.hostdns.core.Resolver;
import io.hostdns.core.ResolverContract;
import io.hostdns.core.Upstream;
import java.util.List;

/** {@link SearchResolver} as a {@link Resolver} (absolute names) keeps the contract. */
class SearchResolverContractTest extends ResolverContract {

    @Override
    protected Resolver resolverOver(Upstream upstream) {
        return new SearchResolver(upstream.resolver(), SearchList.of(List.of("unused.example"), 1));
    }
}
