package dev.lakehouse.common.config;

import java.util.regex.Pattern;

/**
 * Masks credentials that can hide in setting values before they are printed or logged: the user
 * information of a URL (the name and password before the '@' of its authority become {@code ***}).
 * Settings that are secrets as a whole (KAMIS key and id, lineage API key, webhook URL) are masked
 * by the {@code toString} of their records instead.
 */
public final class SecretMask {
  /** What a removed credential is replaced with. */
  public static final String MASK = "***";

  // The authority's user part: anything up to '@' that holds no '/', whitespace or '@'.
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@?#]+@");

  private SecretMask() {}

  /** The text with the user information of every URL in it replaced by {@link #MASK}. */
  public static String userInfo(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
  }

  /** True when the text holds a URL with user information. */
  public static boolean hasUserInfo(String text) {
    return text != null && USER_INFO.matcher(text).find();
  }
}
