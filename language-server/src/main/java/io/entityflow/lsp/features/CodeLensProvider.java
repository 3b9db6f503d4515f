package io.entityflow.lsp.features;

import io.entityflow.ir.analysis.Analysis;
import io.entityflow.ir.analysis.CallSite;
import io.entityflow.ir.model.EntityModel;
import io.entityflow.ir.model.MethodModel;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * Above each instance method of an entity: "N blocks · M remote calls · Show graph". The command
 * {@value #SHOW_GRAPH} is the client's (the VS Code extension opens its graph view for {@code [uri, "Type.method"]}).
 */
public final class CodeLensProvider {
    public static final String SHOW_GRAPH = "entityflow.showGraph";

    private CodeLensProvider() {
    }

    public static List<CodeLens> codeLenses(Analysis analysis, String uri) {
        List<CodeLens> lenses = new ArrayList<>();
        for (EntityModel entity : SourceQueries.entitiesIn(analysis, uri)) {
            for (MethodModel method : entity.methods()) {
                if (method.isStatic()) {
                    continue;
                }
                int blocks = SourceQueries.blockCount(analysis, entity, method);
                long remote = analysis.calls().sitesIn(method.declaration()).stream().filter(CallSite::isRemote).count();
                String title = Counts.blocks(blocks) + " · " + Counts.remoteCalls(remote) + " · Show graph";
                Command command = new Command(title, SHOW_GRAPH, List.of(uri, entity.name() + "." + method.name()));
                lenses.add(new CodeLens(LspRanges.toLsp(method.declaration().getName()), command, null));
            }
        }
        return lenses;
    }
}
