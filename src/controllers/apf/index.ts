/** API Priority and Fairness: the FlowSchemas' Dangling condition. */
export { APF_FIELD_MANAGER, danglingCondition, FLOW_SCHEMAS, FlowSchemaDanglingController, PRIORITY_LEVELS } from './dangling-controller.js';
