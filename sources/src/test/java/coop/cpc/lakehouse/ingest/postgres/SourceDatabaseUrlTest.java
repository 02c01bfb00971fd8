package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourceDatabaseUrlTest {

    @Test
    void parsesHostPortDatabaseAndAllowedParameters() {
        SourceDatabaseUrl url = SourceDatabaseUrl.parse(
                "jdbc:postgresql://DB.example.org:6543/plant?sslmode=verify-full&connectTimeout=5&ApplicationName=etl");
        assertThat(url.host()).isEqualTo("db.example.org");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.database()).isEqualTo("plant");
        assertThat(url.sslmode()).isEqualTo("verify-full");
        assertThat(url.seconds("connectTimeout", 10)).isEqualTo(5);
        assertThat(SourceDatabaseUrl.parse("jdbc:postgresql://[::1]/plant").bareHost())
                .isEqualTo("::1");
        assertThat(SourceDatabaseUrl.parse("jdbc:postgresql://h/plant").port()).isEqualTo(5432);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "options=-c%20search_path%3Dpg_catalog",
                "readOnly=false",
                "socketFactory=x.Y",
                "sslfactory=x.Y",
                "sslrootcert=/etc/shadow",
                "loggerFile=/tmp/x",
                "loggerLevel=TRACE",
                "service=s",
                "authenticationPluginClassName=x",
                "currentSchema=pg_catalog",
                "user=postgres",
                "password=x",
                "sslmode=bogus",
                "connectTimeout=61",
                "loginTimeout=0",
                "socketTimeout=3601",
                "socketTimeout=99999999999",
                "connectTimeout=5&connectTimeout=6",
                "ApplicationName=a;b"
            })
    void refusesParametersOutsideTheAllowListAndTimeoutsAboveTheirBound(String query) {
        assertThatThrownBy(() -> SourceDatabaseUrl.parse("jdbc:postgresql://db.example.org/plant?" + query))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jdbc:postgresql://a,b/plant",
                "jdbc:postgresql://u:p@h/plant",
                "jdbc:postgresql://h/",
                "jdbc:postgresql:plant",
                "jdbc:mysql://h/plant",
                "jdbc:postgresql://h:99999/plant",
                "jdbc:postgresql://h/a/b"
            })
    void refusesUrlsThatAreNotOneHostAndOneDatabase(String url) {
        assertThatThrownBy(() -> SourceDatabaseUrl.parse(url)).isInstanceOf(IllegalArgumentException.class);
    }
}
