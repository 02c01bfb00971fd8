package coop.cpc.lakehouse.application.asset;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import org.junit.jupiter.api.Test;

class RequestAssetsTest {

    @Test
    void aReadOnlyRequestRecallsTheAssetItReadBefore() {
        RequestAssets request = new RequestAssets();
        request.markReadOnly();
        DataAsset asset = asset("a");

        request.remember(asset);

        assertThat(request.recall(asset.getId())).containsSame(asset);
        assertThat(request.recall(asset("b").getId())).isEmpty();
    }

    @Test
    void aRequestNotMarkedReadOnlyKeepsNothing() {
        RequestAssets request = new RequestAssets();
        DataAsset asset = asset("a");

        request.remember(asset);
        request.markReadOnly();

        assertThat(request.recall(asset.getId())).isEmpty();
    }

    @Test
    void keepsAtMostItsBoundOfAssets() {
        RequestAssets request = new RequestAssets();
        request.markReadOnly();
        for (int i = 0; i < RequestAssets.MAX_ASSETS; i++) {
            request.remember(asset("a" + i));
        }
        DataAsset beyond = asset("beyond");

        request.remember(beyond);

        assertThat(request.recall(beyond.getId())).isEmpty();
    }

    private static DataAsset asset(String name) {
        return new DataAsset("test", name, AssetType.STRUCTURED, Classification.INTERNAL, "{\"columns\":[]}");
    }
}
