package org.cubekvm.api.video;

/** H.264 rate control. */
public enum RateControl {
    CBR, VBR
}
