package com.zoomfactor.backend.config;

/** A setting in the environment is malformed; the message names the variable and what is expected. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
