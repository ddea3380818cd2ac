package org.careloop.engine;

/** The post-discharge flow on PostgreSQL. */
class PostDischargeFlowPostgresIT extends PostgresStackTest implements PostDischargeFlowContract {

    @Override
    public IntegrationSupport stack() {
        return this;
    }
}
