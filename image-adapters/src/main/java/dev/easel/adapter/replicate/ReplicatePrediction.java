package dev.easel.adapter.replicate;

/** Where to poll and cancel one prediction, as Replicate returned them. */
record ReplicatePrediction(String id, String getUrl, String cancelUrl) {
}
