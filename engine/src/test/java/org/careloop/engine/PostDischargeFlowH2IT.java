package org.careloop.engine;

/** The post-discharge flow on embedded H2. */
class PostDischargeFlowH2IT extends H2StackTest implements PostDischargeFlowContract {

    @Override
    public IntegrationSupport stack() {
        return this;
    }
}
