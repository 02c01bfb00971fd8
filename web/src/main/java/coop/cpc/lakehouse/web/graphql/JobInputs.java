package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.job.IngestionJobChanges;
import coop.cpc.lakehouse.application.job.NewIngestionJob;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJobInput;
import coop.cpc.lakehouse.web.graphql.dto.IngestionJobUpdateInput;

/** The job inputs of the API as what {@link coop.cpc.lakehouse.application.job.IngestionJobService} takes. */
final class JobInputs {
    private JobInputs() {}

    static NewIngestionJob newJob(IngestionJobInput input) throws InvalidInputException {
        SourceInputs sources = new SourceInputs(input.postgresTable(), input.sled(), input.httpApi(), input.fileDrop());
        return new NewIngestionJob(
                input.name(),
                sources.required(),
                Ids.parseOptional("targetAssetId", input.targetAssetId()),
                input.maxErrors(),
                input.chunkSize(),
                Assembler.schedule(input.schedule()),
                input.scheduleExpression());
    }

    static IngestionJobChanges changes(IngestionJobUpdateInput input) throws InvalidInputException {
        if (input.expectedVersion() == null) {
            throw new InvalidInputException("expectedVersion is required");
        }
        SourceInputs sources = new SourceInputs(input.postgresTable(), input.sled(), input.httpApi(), input.fileDrop());
        return new IngestionJobChanges(
                input.expectedVersion(),
                input.name(),
                sources.optional(),
                Ids.parseOptional("targetAssetId", input.targetAssetId()),
                input.maxErrors(),
                input.chunkSize(),
                Assembler.schedule(input.schedule()),
                input.scheduleExpression());
    }
}
