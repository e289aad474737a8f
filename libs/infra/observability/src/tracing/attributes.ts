// Messaging attributes are still "incubating" in the semantic conventions;
// OpenTelemetry advises copying such names rather than importing them, so
// they are spelled out here, once.
export const ATTR_MESSAGING_SYSTEM = 'messaging.system';
export const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
export const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
/** The current name of what older conventions called `messaging.kafka.destination.partition`. */
export const ATTR_MESSAGING_DESTINATION_PARTITION_ID = 'messaging.destination.partition.id';
export const ATTR_MESSAGING_KAFKA_OFFSET = 'messaging.kafka.offset';
export const ATTR_MESSAGING_KAFKA_MESSAGE_KEY = 'messaging.kafka.message.key';
export const ATTR_MESSAGING_CONSUMER_GROUP_NAME = 'messaging.consumer.group.name';
export const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';
export const ATTR_PEER_SERVICE = 'peer.service';

// Ours: what the pipeline adds to a messaging span.
/** The envelope's `type`, e.g. `complaint.received`. */
export const ATTR_EVENT_TYPE = 'pipeline.event.type';
/** How the consumer finished with the event: processed, skipped, dead-lettered or aborted. */
export const ATTR_EVENT_OUTCOME = 'pipeline.event.outcome';
